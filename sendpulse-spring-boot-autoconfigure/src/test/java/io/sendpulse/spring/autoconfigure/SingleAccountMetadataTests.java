package io.sendpulse.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several accounts change nothing for a single-account application's configuration: every
 * property the starter had before them is in the metadata still, with the same type,
 * description, default and source. The snapshot, {@code single-account-metadata.json},
 * was taken from the metadata before accounts were added.
 */
class SingleAccountMetadataTests {

	@Test
	void keepsTheMetadataOfEveryPropertyThatExistedBeforeAccounts() {
		Map<String, JsonNode> before = properties(
				SingleAccountMetadataTests.class.getResourceAsStream("single-account-metadata.json"));
		Map<String, JsonNode> now = properties(
				SingleAccountMetadataTests.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json"));
		assertThat(before).isNotEmpty();
		before.forEach((name, property) -> {
			assertThat(now).containsKey(name);
			for (String field : new String[] { "type", "description", "defaultValue", "sourceType" }) {
				assertThat(now.get(name).path(field)).as(name + " " + field).isEqualTo(property.path(field));
			}
		});
	}

	@Test
	void describesTheAccountsProperty() {
		Map<String, JsonNode> now = properties(
				SingleAccountMetadataTests.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json"));
		assertThat(now).containsKey("sendpulse.accounts");
		assertThat(now.get("sendpulse.accounts").path("description").asString()).contains("api-key")
			.contains("'default'");
	}

	private static Map<String, JsonNode> properties(InputStream in) {
		try (in) {
			assertThat(in).isNotNull();
			Map<String, JsonNode> properties = new LinkedHashMap<>();
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
