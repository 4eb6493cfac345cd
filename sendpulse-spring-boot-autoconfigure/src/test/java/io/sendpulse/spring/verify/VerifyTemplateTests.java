package io.sendpulse.spring.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.sendpulse.spring.SendPulseNotFoundException;
import io.sendpulse.spring.TemplateContexts;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import reactor.test.StepVerifier;

import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link VerifyTemplate} against a real HTTP server on loopback, with the
 * template built by the auto-configuration.
 */
class VerifyTemplateTests {

	private static final String PENDING = """
			{"request_id":"vrf_1","to":"+14155550123","channel":"sms","status":"pending",
			"expires_at":"2026-05-06T07:08:09Z","attempts_left":3}""";

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private void run(ContextConsumer<ApplicationContext> test, String... properties) {
		TemplateContexts.run(this.server, test, properties);
	}

	@Test
	void aBlankRequestIdIsRefusedBeforeAnyRequest() {
		run((context) -> {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> context.getBean(VerifyTemplate.class).check(" ", "123456"))
				.withMessage("requestId must be an id the API gave, not blank");
			assertThat(this.server.getRequestCount()).isZero();
		});
	}

	@Test
	void startSendsTheDefaultsOfTheStarterWhenNothingIsConfigured() {
		this.server.enqueue(json(200, PENDING));
		run((context) -> {
			Verification verification = context.getBean(VerifyTemplate.class)
				.start(VerificationRequest.builder().to("+14155550123").build());
			assertThat(verification.requestId()).isEqualTo("vrf_1");
			assertThat(verification.to()).isEqualTo("+14155550123");
			assertThat(verification.channel()).isEqualTo(Channel.SMS);
			assertThat(verification.status()).isEqualTo(VerificationStatus.PENDING);
			assertThat(verification.expiresAt()).isEqualTo(Instant.parse("2026-05-06T07:08:09Z"));
			RecordedRequest request = take();
			assertThat(request.getMethod()).isEqualTo("POST");
			assertThat(request.getTarget()).isEqualTo("/v1/verify/start");
			assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TemplateContexts.API_KEY);
			assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
			assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
			assertThat(request.getHeaders().get("User-Agent")).startsWith("sendpulse-spring-boot/");
			assertThat(UUID.fromString(request.getHeaders().get("Idempotency-Key"))).isNotNull();
			JSONAssert.assertEquals("""
					{"to":"+14155550123","channel":"sms","code_length":6,"expiry":300}""", request.getBody().utf8(),
					JSONCompareMode.STRICT);
		});
	}

	@Test
	void startFallsBackToTheConfiguredDefaults() {
		this.server.enqueue(json(200, PENDING));
		run((context) -> {
			context.getBean(VerifyTemplate.class).start(VerificationRequest.builder().to("+14155550123").build());
			JSONAssert.assertEquals("""
					{"to":"+14155550123","channel":"whatsapp","code_length":8,"expiry":90}""", take().getBody().utf8(),
					JSONCompareMode.STRICT);
		}, "sendpulse.verify.channel=whatsapp", "sendpulse.verify.code-length=8", "sendpulse.verify.expiry=90s");
	}

	@Test
	void fieldsSetOnTheRequestWinOverTheConfiguredDefaults() {
		this.server.enqueue(json(200, PENDING));
		run((context) -> {
			context.getBean(VerifyTemplate.class)
				.start(VerificationRequest.builder()
					.to("+14155550123")
					.channel(Channel.VOICE)
					.codeLength(4)
					.expiry(Duration.ofMinutes(10))
					.build());
			JSONAssert.assertEquals("""
					{"to":"+14155550123","channel":"voice","code_length":4,"expiry":600}""", take().getBody().utf8(),
					JSONCompareMode.STRICT);
		}, "sendpulse.verify.channel=whatsapp", "sendpulse.verify.code-length=8", "sendpulse.verify.expiry=90s");
	}

	@Test
	void startMapsUnknownChannelsAndStatusesToUnknown() {
		this.server.enqueue(json(200, """
				{"request_id":"vrf_1","to":"+14155550123","channel":"carrier_pigeon","status":"pondering"}"""));
		run((context) -> {
			Verification verification = context.getBean(VerifyTemplate.class)
				.start(VerificationRequest.builder().to("+14155550123").build());
			assertThat(verification.channel()).isEqualTo(Channel.UNKNOWN);
			assertThat(verification.status()).isEqualTo(VerificationStatus.UNKNOWN);
			assertThat(verification.expiresAt()).isNull();
		});
	}

	@Test
	void checkPostsRequestIdAndCodeInSnakeCase() {
		this.server.enqueue(json(200, """
				{"valid":true,"request_id":"vrf_1","checked_at":"2026-05-06T07:08:09Z"}"""));
		run((context) -> {
			VerificationCheck check = context.getBean(VerifyTemplate.class).check("vrf_1", "482901");
			assertThat(check.valid()).isTrue();
			assertThat(check.requestId()).isEqualTo("vrf_1");
			RecordedRequest request = take();
			assertThat(request.getTarget()).isEqualTo("/v1/verify/check");
			assertThat(UUID.fromString(request.getHeaders().get("Idempotency-Key"))).isNotNull();
			JSONAssert.assertEquals("""
					{"request_id":"vrf_1","code":"482901"}""", request.getBody().utf8(), JSONCompareMode.STRICT);
		});
	}

	@Test
	void checkReportsAWrongCode() {
		this.server.enqueue(json(200, """
				{"valid":false,"request_id":"vrf_1"}"""));
		run((context) -> assertThat(context.getBean(VerifyTemplate.class).check("vrf_1", "0000").valid()).isFalse());
	}

	@Test
	void checkOfAnUnknownVerificationRaisesNotFound() {
		this.server.enqueue(json(404, """
				{"error":{"code":"not_found","message":"No verification vrf_nope"}}"""));
		run((context) -> assertThatExceptionOfType(SendPulseNotFoundException.class)
			.isThrownBy(() -> context.getBean(VerifyTemplate.class).check("vrf_nope", "123456"))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(404)));
	}

	@Test
	void malformedCodesAreRefusedBeforeAnyRequest() {
		run((context) -> {
			VerifyTemplate verify = context.getBean(VerifyTemplate.class);
			assertThatIllegalArgumentException().isThrownBy(() -> verify.check("vrf_1", "12a4"))
				.withMessageContaining("code must be 4 to 8 digits");
			assertThatIllegalArgumentException().isThrownBy(() -> verify.check("vrf_1", "123"))
				.withMessageContaining("code must be 4 to 8 digits");
			assertThatIllegalArgumentException().isThrownBy(() -> verify.check("vrf_1", "123456789"))
				.withMessageContaining("code must be 4 to 8 digits");
			StepVerifier.create(verify.reactive().check("vrf_1", "x"))
				.expectError(IllegalArgumentException.class)
				.verify();
			assertThat(this.server.getRequestCount()).isZero();
		});
	}

	@Test
	void invalidRequestsAreRefusedNamingTheFieldAndRuleButNotTheNumber() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> VerificationRequest.builder().to("004915112345678").build())
			.withMessageContaining("to must be a phone number in E.164 format")
			.withMessageNotContaining("4915112345678");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> VerificationRequest.builder().to("+14155550123").codeLength(3).build())
			.withMessageContaining("code_length must be between 4 and 8");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> VerificationRequest.builder().to("+14155550123").codeLength(9).build())
			.withMessageContaining("code_length must be between 4 and 8");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> VerificationRequest.builder().to("+14155550123").expiry(Duration.ofSeconds(-5)).build())
			.withMessageContaining("expiry must be a whole number of seconds");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> VerificationRequest.builder().to("+14155550123").channel(Channel.UNKNOWN).build())
			.withMessageContaining("channel must be sms, voice or whatsapp");
		assertThatIllegalArgumentException().isThrownBy(() -> VerificationRequest.builder().build())
			.withMessage("to is required");
	}

	@Test
	void reactiveStartAndCheckSendWhenSubscribed() {
		this.server.enqueue(json(200, PENDING));
		this.server.enqueue(json(200, "{\"valid\":true,\"request_id\":\"vrf_1\"}"));
		run((context) -> {
			ReactiveVerifyTemplate verify = context.getBean(VerifyTemplate.class).reactive();
			var flow = verify.start(VerificationRequest.builder().to("+14155550123").build())
				.flatMap((verification) -> verify.check(verification.requestId(), "482901"));
			assertThat(this.server.getRequestCount()).isZero();
			StepVerifier.create(flow).assertNext((check) -> assertThat(check.valid()).isTrue()).verifyComplete();
			assertThat(this.server.getRequestCount()).isEqualTo(2);
		});
	}

	@Test
	void recordsMaskPhoneNumbersAndHideTheCodeInToString() {
		assertThat(VerificationRequest.builder().to("+14155550123").build().toString()).contains("+1******0123")
			.doesNotContain("14155550123");
		assertThat(new Verification("vrf_1", "+14155550123", Channel.SMS, VerificationStatus.PENDING, null).toString())
			.contains("+1******0123")
			.doesNotContain("14155550123");
	}

	@Test
	void templateDescribesItsClientWithoutTheApiKey() {
		run((context) -> {
			VerifyTemplate template = context.getBean(VerifyTemplate.class);
			assertThat(template.toString()).contains("SendPulseClient[baseUrl=http")
				.doesNotContain(TemplateContexts.API_KEY);
			assertThat(template.reactive().toString()).contains("SendPulseClient[baseUrl=http")
				.doesNotContain(TemplateContexts.API_KEY);
		});
	}

	private RecordedRequest take() throws InterruptedException {
		RecordedRequest request = this.server.takeRequest(10, TimeUnit.SECONDS);
		assertThat(request).as("request").isNotNull();
		return request;
	}

	private static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
	}

}
