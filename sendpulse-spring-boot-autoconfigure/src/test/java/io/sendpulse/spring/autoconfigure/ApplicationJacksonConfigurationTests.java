package io.sendpulse.spring.autoconfigure;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.sendpulse.spring.sms.SmsMessage;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsStatus;
import io.sendpulse.spring.sms.SmsTemplate;
import io.sendpulse.spring.verify.Verification;
import io.sendpulse.spring.verify.VerificationRequest;
import io.sendpulse.spring.verify.VerifyTemplate;
import io.sendpulse.spring.voice.CallRequest;
import io.sendpulse.spring.voice.VoiceAction;
import io.sendpulse.spring.voice.VoiceTemplate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Proves that the application's global Jackson configuration, however hostile, never
 * changes what the templates send or how they read answers: requests stay snake_case with
 * durations in seconds and ISO instants, and answers with unknown fields still parse.
 */
class ApplicationJacksonConfigurationTests {

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class, CodecsAutoConfiguration.class,
				ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class,
				SendPulseAutoConfiguration.class))
		// Close each context quickly (see TemplateContexts).
		.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=20ms")
		.withPropertyValues("sendpulse.api-key=sk-test-secret", "sendpulse.sms.from=Acme",
				"sendpulse.voice.from=+15005550006", "sendpulse.retry.enabled=false",
				"sendpulse.rate-limit.enabled=false");

	@Test
	void hostileSpringJacksonPropertiesChangeNothingOnTheWire() {
		this.contextRunner.withPropertyValues("sendpulse.base-url=" + this.server.url("/"))
			.withPropertyValues("spring.jackson.property-naming-strategy=UPPER_CAMEL_CASE",
					"spring.jackson.deserialization.fail-on-unknown-properties=true",
					"spring.jackson.deserialization.unwrap-root-value=true",
					"spring.jackson.serialization.wrap-root-value=true", "spring.jackson.date-format=dd.MM.yyyy HH:mm",
					"spring.jackson.default-property-inclusion=always",
					"spring.jackson.datatype.datetime.write-dates-as-timestamps=true",
					"spring.jackson.datatype.datetime.write-durations-as-timestamps=false",
					"spring.jackson.use-jackson2-defaults=true")
			.run(assertWireFormatUnchanged());
	}

	@Test
	void hostileUserJsonMapperAndCustomizerChangeNothingOnTheWire() {
		this.contextRunner.withUserConfiguration(HostileJsonMapperConfiguration.class)
			.withPropertyValues("sendpulse.base-url=" + this.server.url("/"),
					"spring.jackson.property-naming-strategy=LOWER_CAMEL_CASE")
			.run(assertWireFormatUnchanged());
	}

	private ContextConsumer<AssertableApplicationContext> assertWireFormatUnchanged() {
		return (context) -> {
			assertThat(context).hasNotFailed();
			assertTheApplicationMapperIsHostile(context.getBean(JsonMapper.class));

			this.server.enqueue(json("""
					{"id":"msg_1","to":"+14155550123","status":"scheduled","segments":1,"cost":0.0075,
					"delivered_at":null,"route":{"carrier":"x"},"some_new_field":true}"""));
			SmsMessage message = context.getBean(SmsTemplate.class)
				.send(SmsRequest.builder()
					.to("+14155550123")
					.text("Hello")
					.callbackUrl(URI.create("https://example.com/hook"))
					.scheduledAt(Instant.parse("2099-03-04T05:06:07Z"))
					.build());
			assertThat(message.status()).isEqualTo(SmsStatus.SCHEDULED);
			assertThat(message.cost()).isEqualTo(new BigDecimal("0.0075"));
			assertBody("""
					{"to":"+14155550123","from":"Acme","text":"Hello","callback_url":"https://example.com/hook",
					"scheduled_at":"2099-03-04T05:06:07Z"}""");

			this.server.enqueue(json("""
					{"id":"call_1","to":"+14155550123","status":"queued","extra":1}"""));
			context.getBean(VoiceTemplate.class)
				.call(CallRequest.builder()
					.to("+14155550123")
					.actions(VoiceAction.gather()
						.numDigits(1)
						.timeout(Duration.ofSeconds(5))
						.prompt(VoiceAction.say("Press 1"))
						.build())
					.timeout(Duration.ofSeconds(20))
					.build());
			assertBody("""
					{"to":"+14155550123","from":"+15005550006","timeout":20,"actions":[
					{"type":"gather","num_digits":1,"timeout":5,"prompt":{"type":"say","text":"Press 1"}}]}""");

			this.server.enqueue(json("""
					{"request_id":"vrf_1","to":"+14155550123","channel":"sms","status":"pending",
					"expires_at":"2026-05-06T07:08:09Z","unknown":{"a":[1]}}"""));
			Verification verification = context.getBean(VerifyTemplate.class)
				.start(VerificationRequest.builder().to("+14155550123").build());
			assertThat(verification.expiresAt()).isEqualTo(Instant.parse("2026-05-06T07:08:09Z"));
			assertBody("""
					{"to":"+14155550123","channel":"sms","code_length":6,"expiry":300}""");

			this.server.enqueue(json("""
					{"valid":true,"request_id":"vrf_1","extra":"x"}"""));
			assertThat(context.getBean(VerifyTemplate.class).check("vrf_1", "1234").valid()).isTrue();
			assertBody("""
					{"request_id":"vrf_1","code":"1234"}""");
		};
	}

	/** The setup must really be hostile, or the test proves nothing. */
	private static void assertTheApplicationMapperIsHostile(JsonMapper mapper) {
		assertThatExceptionOfType(JacksonException.class)
			.isThrownBy(() -> mapper.readValue("{\"valid\":true,\"request_id\":\"x\",\"other\":1}", Probe.class));
		assertThat(mapper.writeValueAsString(new Probe(true, "vrf_1"))).doesNotContain("request_id");
	}

	private void assertBody(String expected) throws Exception {
		RecordedRequest request = this.server.takeRequest(10, TimeUnit.SECONDS);
		assertThat(request).isNotNull();
		JSONAssert.assertEquals(expected, request.getBody().utf8(), JSONCompareMode.STRICT);
	}

	private static MockResponse json(String body) {
		return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
	}

	record Probe(boolean valid, String requestId) {
	}

	@Configuration(proxyBeanMethods = false)
	static class HostileJsonMapperConfiguration {

		@Bean
		JsonMapperBuilderCustomizer hostileCustomizer() {
			return (builder) -> builder.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
				.enable(SerializationFeature.INDENT_OUTPUT);
		}

		@Bean
		JsonMapper jsonMapper() {
			return JsonMapper.builder()
				.propertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
				.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
				.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
				.enable(SerializationFeature.WRAP_ROOT_VALUE)
				.changeDefaultPropertyInclusion((inclusion) -> inclusion.withValueInclusion(JsonInclude.Include.ALWAYS))
				.build();
		}

	}

}
