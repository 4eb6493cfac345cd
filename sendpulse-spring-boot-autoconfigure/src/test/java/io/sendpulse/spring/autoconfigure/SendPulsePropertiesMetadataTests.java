package io.sendpulse.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests that every property of the contract is in the configuration metadata the IDE
 * reads, with a description.
 */
class SendPulsePropertiesMetadataTests {

	private static final Map<String, JsonNode> PROPERTIES = read();

	@ParameterizedTest
	@ValueSource(strings = { "sendpulse.api-key", "sendpulse.base-url", "sendpulse.connect-timeout",
			"sendpulse.read-timeout", "sendpulse.sms.from", "sendpulse.voice.from", "sendpulse.verify.channel",
			"sendpulse.verify.code-length", "sendpulse.verify.expiry", "sendpulse.rate-limit.enabled",
			"sendpulse.rate-limit.limit-for-period", "sendpulse.rate-limit.refresh-period",
			"sendpulse.rate-limit.timeout", "sendpulse.retry.enabled", "sendpulse.retry.max-attempts",
			"sendpulse.retry.initial-backoff", "sendpulse.retry.multiplier", "sendpulse.retry.max-backoff",
			"sendpulse.webhook.secret", "sendpulse.webhook.additional-secrets", "sendpulse.webhook.tolerance",
			"sendpulse.webhook.max-payload-size", "sendpulse.store" })
	void contractPropertyIsDescribed(String name) {
		assertThat(PROPERTIES).containsKey(name);
		assertThat(PROPERTIES.get(name).path("description").asString()).isNotBlank();
	}

	@Test
	void defaultsAreInTheMetadata() {
		assertThat(PROPERTIES.get("sendpulse.base-url").path("defaultValue").asString())
			.isEqualTo("https://api.sendpulse.io");
		assertThat(PROPERTIES.get("sendpulse.verify.code-length").path("defaultValue").asInt()).isEqualTo(6);
		assertThat(PROPERTIES.get("sendpulse.retry.max-attempts").path("defaultValue").asInt()).isEqualTo(3);
		assertThat(PROPERTIES.get("sendpulse.rate-limit.enabled").path("defaultValue").asBoolean()).isTrue();
		assertThat(PROPERTIES.get("sendpulse.store").path("defaultValue").asString()).isEqualTo("memory");
	}

	@Test
	void offersOnlyTheChannelsAPropertyMayName() {
		// Not every constant of Channel: UNKNOWN is refused as a setting.
		List<String> values = new ArrayList<>();
		for (JsonNode hint : metadata().path("hints")) {
			if (hint.path("name").asString().equals("sendpulse.verify.channel")) {
				hint.path("values").forEach((value) -> values.add(value.path("value").asString()));
			}
		}
		assertThat(values).containsExactly("sms", "voice", "whatsapp");
		assertThat(PROPERTIES.get("sendpulse.verify.channel").path("description").asString())
			.contains("sms, voice or whatsapp");
	}

	private static JsonNode metadata() {
		try (InputStream in = SendPulsePropertiesMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("configuration metadata").isNotNull();
			return JsonMapper.shared().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<String, JsonNode> read() {
		try (InputStream in = SendPulsePropertiesMetadataTests.class
			.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("configuration metadata").isNotNull();
			Map<String, JsonNode> properties = new HashMap<>();
			for (JsonNode property : JsonMapper.shared().readTree(in).path("properties")) {
				properties.put(property.path("name").asString(), property);
			}
			return properties;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
