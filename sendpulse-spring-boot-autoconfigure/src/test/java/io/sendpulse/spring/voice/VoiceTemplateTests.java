package io.sendpulse.spring.voice;

import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.sendpulse.spring.SendPulseInsufficientBalanceException;
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
 * Tests for {@link VoiceTemplate} against a real HTTP server on loopback, with the
 * template built by the auto-configuration.
 */
class VoiceTemplateTests {

	private static final String QUEUED = """
			{"id":"call_1","to":"+14155550123","status":"queued","price_per_minute":0.02}""";

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private void run(ContextConsumer<ApplicationContext> test, String... properties) {
		TemplateContexts.run(this.server, test, properties);
	}

	@Test
	void callPostsEveryActionKindWithItsTypeAndDurationsInSeconds() {
		this.server.enqueue(json(200, QUEUED));
		run((context) -> {
			CallRequest request = CallRequest.builder()
				.to("+14155550123")
				.from("+15005550006")
				.actions(VoiceAction.say("Hello").voice("alice").language("en-US").loop(2),
						VoiceAction.play(URI.create("https://example.com/hold.mp3")).loop(3),
						VoiceAction.gather()
							.numDigits(4)
							.timeout(Duration.ofSeconds(5))
							.finishOnKey("#")
							.prompt(VoiceAction.say("Enter your PIN"))
							.build(),
						VoiceAction.gather().prompt(VoiceAction.play(URI.create("https://example.com/p.mp3"))).build(),
						VoiceAction.record().maxLength(Duration.ofMinutes(2)).playBeep(true).finishOnKey("*").build(),
						VoiceAction.record().build())
				.timeout(Duration.ofSeconds(45))
				.build();
			Call call = context.getBean(VoiceTemplate.class).call(request);
			assertThat(call.id()).isEqualTo("call_1");
			assertThat(call.to()).isEqualTo("+14155550123");
			assertThat(call.status()).isEqualTo(CallStatus.QUEUED);
			RecordedRequest recorded = take();
			assertThat(recorded.getMethod()).isEqualTo("POST");
			assertThat(recorded.getTarget()).isEqualTo("/v1/voice/call");
			assertThat(recorded.getHeaders().get("Authorization")).isEqualTo("Bearer " + TemplateContexts.API_KEY);
			assertThat(recorded.getHeaders().get("Accept")).isEqualTo("application/json");
			assertThat(recorded.getHeaders().get("Content-Type")).startsWith("application/json");
			assertThat(recorded.getHeaders().get("User-Agent")).startsWith("sendpulse-spring-boot/");
			assertThat(UUID.fromString(recorded.getHeaders().get("Idempotency-Key"))).isNotNull();
			JSONAssert.assertEquals("""
					{"to":"+14155550123","from":"+15005550006","timeout":45,"actions":[
					  {"type":"say","text":"Hello","voice":"alice","language":"en-US","loop":2},
					  {"type":"play","url":"https://example.com/hold.mp3","loop":3},
					  {"type":"gather","num_digits":4,"timeout":5,"finish_on_key":"#",
					   "prompt":{"type":"say","text":"Enter your PIN"}},
					  {"type":"gather","prompt":{"type":"play","url":"https://example.com/p.mp3"}},
					  {"type":"record","max_length":120,"play_beep":true,"finish_on_key":"*"},
					  {"type":"record"}
					]}""", recorded.getBody().utf8(), JSONCompareMode.STRICT);
		});
	}

	@Test
	void callUsesTheConfiguredCallerIdAndLeavesOutTheUnsetTimeout() {
		this.server.enqueue(json(200, QUEUED));
		run((context) -> {
			context.getBean(VoiceTemplate.class)
				.call(CallRequest.builder().to("+14155550123").actions(VoiceAction.say("Hi")).build());
			JSONAssert.assertEquals("""
					{"to":"+14155550123","from":"+15005550006","actions":[{"type":"say","text":"Hi"}]}""",
					take().getBody().utf8(), JSONCompareMode.STRICT);
		}, "sendpulse.voice.from=+15005550006");
	}

	@Test
	void callWithoutAnyCallerIdFailsBeforeAnyRequestAndSaysWhatToSet() {
		run((context) -> {
			CallRequest request = CallRequest.builder().to("+14155550123").actions(VoiceAction.say("Hi")).build();
			assertThatIllegalArgumentException().isThrownBy(() -> context.getBean(VoiceTemplate.class).call(request))
				.withMessageContaining("from is required")
				.withMessageContaining("sendpulse.voice.from");
			assertThat(this.server.getRequestCount()).isZero();
		});
	}

	@Test
	void invalidConfiguredCallerIdStopsStartupNamingTheProperty() {
		TemplateContexts.runner(this.server).withPropertyValues("sendpulse.voice.from=+0000").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("sendpulse.voice.from must be your voice-enabled phone number in E.164 format");
		});
	}

	@Test
	void aSenderIdIsNoCallerId() {
		// An SMS may come from "MyShop"; a call shows the callee a number, and the API
		// takes the account's voice-enabled number only.
		TemplateContexts.runner(this.server).withPropertyValues("sendpulse.voice.from=MyShop").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("sendpulse.voice.from must be your voice-enabled phone number")
				.hasMessageContaining("a call cannot show a sender ID, but was 'MyShop'");
		});
		assertThatIllegalArgumentException().isThrownBy(
				() -> CallRequest.builder().to("+14155550123").from("MyShop").actions(VoiceAction.say("Hi")).build())
			.withMessageStartingWith("from must be your voice-enabled phone number in E.164 format");
		assertThat(this.server.getRequestCount()).isZero();
	}

	@Test
	void callMapsUnknownStatusesToUnknown() {
		this.server.enqueue(json(200, """
				{"id":"call_1","to":"+14155550123","status":"on_mars"}"""));
		run((context) -> assertThat(context.getBean(VoiceTemplate.class)
			.call(CallRequest.builder().to("+14155550123").actions(VoiceAction.say("Hi")).build())
			.status()).isEqualTo(CallStatus.UNKNOWN), "sendpulse.voice.from=+15005550006");
	}

	@Test
	void callParsesEveryDocumentedStatus() {
		for (CallStatus status : CallStatus.values()) {
			assertThat(CallStatus.of(status.value())).isEqualTo(status);
		}
		assertThat(CallStatus.of("in_progress")).isEqualTo(CallStatus.IN_PROGRESS);
		assertThat(CallStatus.of("no_answer")).isEqualTo(CallStatus.NO_ANSWER);
		assertThat(CallStatus.of(null)).isEqualTo(CallStatus.UNKNOWN);
	}

	@Test
	void insufficientBalanceRaisesItsException() {
		this.server.enqueue(json(402, """
				{"error":{"code":"insufficient_balance","message":"Top up your account"}}"""));
		run((context) -> assertThatExceptionOfType(SendPulseInsufficientBalanceException.class)
			.isThrownBy(() -> context.getBean(VoiceTemplate.class)
				.call(CallRequest.builder().to("+14155550123").actions(VoiceAction.say("Hi")).build()))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(402);
				assertThat(ex.getErrorCode()).isEqualTo("insufficient_balance");
			}), "sendpulse.voice.from=+15005550006");
	}

	@Test
	void reactiveCallSendsWhenSubscribed() {
		this.server.enqueue(json(200, QUEUED));
		run((context) -> {
			var call = context.getBean(VoiceTemplate.class)
				.reactive()
				.call(CallRequest.builder().to("+14155550123").actions(VoiceAction.say("Hi")).build());
			assertThat(this.server.getRequestCount()).isZero();
			StepVerifier.create(call)
				.assertNext((result) -> assertThat(result.status()).isEqualTo(CallStatus.QUEUED))
				.verifyComplete();
		}, "sendpulse.voice.from=+15005550006");
	}

	@Test
	void invalidCallsAreRefusedNamingTheFieldAndRuleButNotTheNumber() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CallRequest.builder().to("+0123456789").actions(VoiceAction.say("Hi")).build())
			.withMessageContaining("to must be a phone number in E.164 format")
			.withMessageNotContaining("0123456789");
		assertThatIllegalArgumentException().isThrownBy(() -> CallRequest.builder().to("+14155550123").build())
			.withMessageContaining("actions must hold 1 to 100 actions");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CallRequest.builder()
				.to("+14155550123")
				.actions(Collections.nCopies(101, VoiceAction.say("Hi")))
				.build())
			.withMessageContaining("actions must hold 1 to 100 actions");
		assertThat(CallRequest.builder()
			.to("+14155550123")
			.actions(Collections.nCopies(100, VoiceAction.say("Hi")))
			.build()
			.actions()).hasSize(100);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CallRequest.builder()
				.to("+14155550123")
				.actions(VoiceAction.say("Hi"))
				.timeout(Duration.ofSeconds(601))
				.build())
			.withMessageContaining("timeout must be a whole number of seconds between 1 and 600");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CallRequest.builder()
				.to("+14155550123")
				.actions(VoiceAction.say("Hi"))
				.timeout(Duration.ofMillis(1500))
				.build())
			.withMessageContaining("timeout must be a whole number of seconds");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CallRequest.builder()
				.to("+14155550123")
				.actions(VoiceAction.say("Hi"))
				.timeout(Duration.ZERO)
				.build())
			.withMessageContaining("timeout must be");
		assertThatIllegalArgumentException().isThrownBy(() -> VoiceAction.say(""))
			.withMessageContaining("say.text must be");
		assertThatIllegalArgumentException().isThrownBy(() -> VoiceAction.play(URI.create("file:///etc/passwd")))
			.withMessageContaining("play.url must be an absolute http or https URL");
		assertThatIllegalArgumentException().isThrownBy(() -> VoiceAction.gather().numDigits(0).build())
			.withMessageContaining("gather.num_digits must be between");
		assertThatIllegalArgumentException().isThrownBy(() -> VoiceAction.gather().finishOnKey("##").build())
			.withMessageContaining("gather.finish_on_key");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> VoiceAction.gather().prompt(VoiceAction.record().build()).build())
			.withMessageContaining("gather.prompt must be a say or a play action");
		assertThatIllegalArgumentException().isThrownBy(() -> VoiceAction.record().finishOnKey("x").build())
			.withMessage("record.finish_on_key must be one key: 0-9, * or #, but was 'x'");
	}

	@Test
	void recordsMaskPhoneNumbersInToString() {
		CallRequest request = CallRequest.builder()
			.to("+14155550123")
			.from("+15005550006")
			.actions(VoiceAction.say("Hi"))
			.build();
		assertThat(request.toString()).contains("+1******0123", "+1******0006")
			.doesNotContain("14155550123", "15005550006");
		assertThat(new Call("call_1", "+14155550123", CallStatus.RINGING).toString()).contains("+1******0123")
			.doesNotContain("14155550123");
	}

	@Test
	void templateDescribesItsClientWithoutTheApiKey() {
		run((context) -> {
			VoiceTemplate template = context.getBean(VoiceTemplate.class);
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
