package io.sendpulse.spring.test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.sendpulse.spring.sms.SmsStatus;
import io.sendpulse.spring.voice.CallStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sandbox's lifecycles and the signed webhooks they post, received by a real HTTP
 * server on loopback. The sandbox clock only moves when a test advances it.
 */
@ExtendWith(OutputCaptureExtension.class)
class SendPulseSandboxWebhookTests {

	private static final String SECRET = "whsec-test";

	private static final String TO = "+14155550123";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final WebhookRecorder recorder = new WebhookRecorder();

	private final SendPulseSandbox sandbox = SendPulseSandbox.builder()
		.autoAdvance(false)
		.rateLimit(0)
		.webhookSecret(SECRET)
		.webhookUrl(this.recorder.url("/webhooks/sendpulse"))
		.build()
		.start();

	private final Wire wire = new Wire(this.sandbox);

	@AfterEach
	void stop() {
		this.sandbox.stop();
		this.recorder.close();
	}

	@Test
	void postsASignedWebhookForEachStepOfAnSms() {
		Instant before = Instant.now();
		String id = sendSms("{\"to\":\"" + TO + "\",\"from\":\"MyApp\",\"text\":\"Hi\"}");
		this.sandbox.advance(Duration.ofSeconds(1));
		await().atMost(WAIT).until(() -> this.recorder.events().size() == 2);
		assertThat(this.recorder.events()).containsExactly("sms.sent", "sms.delivered");
		WebhookRecorder.Received delivered = this.recorder.received().get(1);
		assertThat(delivered.path()).isEqualTo("/webhooks/sendpulse");
		assertThat(delivered.signedWith(SECRET)).isTrue();
		JsonNode body = delivered.json();
		assertThat(body.propertyNames()).containsExactly("event", "message_id", "to", "status", "timestamp");
		assertThat(body.get("message_id").asString()).isEqualTo(id);
		assertThat(body.get("to").asString()).isEqualTo(TO);
		assertThat(body.get("status").asString()).isEqualTo("delivered");
		// Wall-clock time, so the application's tolerance accepts it however far the
		// clock moved.
		assertThat(Instant.parse(body.get("timestamp").asString())).isAfterOrEqualTo(before.minusSeconds(1))
			.isBeforeOrEqualTo(Instant.now());
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(this.sandbox.webhooks()).hasSize(2).allMatch(WebhookDelivery::delivered));
	}

	@Test
	void advanceReturnsOnceTheWebhooksItPostedWereAnsweredRefusalsIncluded() {
		sendSms("{\"to\":\"" + TO + "\",\"from\":\"MyApp\",\"text\":\"Hi\"}");
		// No waiting in this test: when advance returns, the application has answered.
		this.sandbox.advance(Duration.ofSeconds(1));
		assertThat(this.recorder.events()).containsExactly("sms.sent", "sms.delivered");
		assertThat(this.sandbox.webhooks()).hasSize(2).allMatch(WebhookDelivery::delivered);

		this.recorder.answer(500);
		sendSms("{\"to\":\"" + TO + "\",\"from\":\"MyApp\",\"text\":\"Again\"}");
		this.sandbox.advance(Duration.ofSeconds(1));
		assertThat(this.sandbox.webhooks().get(2).status()).isEqualTo(500);
		assertThat(this.sandbox.webhooks().get(2).attempts()).isOne();
		// Posted again when its backoff (1 s) falls due on the sandbox clock, then the
		// next event of the message.
		this.sandbox.advance(Duration.ofSeconds(1));
		assertThat(this.sandbox.webhooks()).hasSize(4).allMatch(WebhookDelivery::delivered);
		assertThat(this.recorder.events()).containsExactly("sms.sent", "sms.delivered", "sms.sent", "sms.delivered");
	}

	@Test
	void forgetsTheCallsCountedAgainstItsRateLimitOnReset() {
		try (SendPulseSandbox sandbox = SendPulseSandbox.builder().autoAdvance(false).rateLimit(1).build().start()) {
			Wire wire = new Wire(sandbox);
			String sms = "{\"to\":\"" + TO + "\",\"from\":\"MyApp\",\"text\":\"Hi\"}";
			// The window is a wall-clock second: a call may start the next one.
			int status = 200;
			for (int call = 0; call < 3 && status == 200; call++) {
				status = wire.post("/v1/sms/send", sms).status();
			}
			assertThat(status).isEqualTo(429);
			sandbox.reset();
			assertThat(wire.post("/v1/sms/send", sms).status()).isEqualTo(200);
		}
	}

	@Test
	void postsToTheMessagesCallbackUrlInsteadOfTheWebhookUrl() {
		URI callback = this.recorder.url("/orders/42/sms");
		sendSms("{\"to\":\"" + TO + "\",\"from\":\"MyApp\",\"text\":\"Hi\",\"callback_url\":\"" + callback + "\"}");
		this.sandbox.advance(Duration.ofSeconds(1));
		await().atMost(WAIT).until(() -> this.recorder.received().size() == 2);
		assertThat(this.recorder.received())
			.allSatisfy((received) -> assertThat(received.path()).isEqualTo("/orders/42/sms"));
	}

	@Test
	void postsNothingToACallbackUrlThatIsNotLoopback(CapturedOutput output) {
		sendSms("{\"to\":\"" + TO + "\",\"from\":\"MyApp\",\"text\":\"Hi\","
				+ "\"callback_url\":\"https://example.com/hooks?token=s3cr3t\"}");
		sendSms("{\"to\":\"" + TO + "\",\"from\":\"MyApp\",\"text\":\"Hi\"}");
		this.sandbox.advance(Duration.ofSeconds(1));
		await().atMost(WAIT).until(() -> this.recorder.events().size() == 2);
		assertThat(this.recorder.received())
			.allSatisfy((received) -> assertThat(received.path()).isEqualTo("/webhooks/sendpulse"));
		assertThat(this.sandbox.webhooks()).filteredOn((delivery) -> delivery.target().getHost().equals("example.com"))
			.hasSize(2)
			.allSatisfy((delivery) -> {
				assertThat(delivery.attempts()).isZero();
				assertThat(delivery.delivered()).isFalse();
			});
		assertThat(output).containsOnlyOnce("posts webhooks only to loopback addresses")
			.contains("https://example.com")
			.doesNotContain("s3cr3t");
	}

	@Test
	void postsNothingToAWebhookUrlThatIsNotLoopback(CapturedOutput output) {
		try (SendPulseSandbox sandbox = SendPulseSandbox.builder()
			.autoAdvance(false)
			.webhookSecret(SECRET)
			.webhookUrl(URI.create("http://10.0.0.5:8080/webhooks"))
			.build()
			.start()) {
			new Wire(sandbox).post("/v1/verify/start", "{\"to\":\"" + TO + "\"}");
			sandbox.advance(Duration.ofSeconds(300));
			assertThat(sandbox.webhooks()).singleElement().satisfies((delivery) -> {
				assertThat(delivery.event()).isEqualTo("verify.expired");
				assertThat(delivery.attempts()).isZero();
			});
			assertThat(output).contains("refused to post verify.expired to http://10.0.0.5:8080");
		}
	}

	@Test
	void endsAnSmsAsScripted() {
		this.sandbox.scriptSms("+14155550001", SmsStatus.UNDELIVERED);
		this.sandbox.scriptSms("+14155550002", SmsStatus.FAILED);
		String undelivered = sendSms("{\"to\":\"+14155550001\",\"from\":\"MyApp\",\"text\":\"Hi\"}");
		String failed = sendSms("{\"to\":\"+14155550002\",\"from\":\"MyApp\",\"text\":\"Hi\"}");
		this.sandbox.advance(Duration.ofSeconds(1));
		await().atMost(WAIT).until(() -> this.recorder.events().size() == 3);
		assertThat(this.recorder.events()).containsExactlyInAnyOrder("sms.sent", "sms.undelivered", "sms.failed");
		assertThat(this.sandbox.sentMessage(undelivered).status()).isEqualTo(SmsStatus.UNDELIVERED);
		assertThat(this.sandbox.sentMessage(failed).status()).isEqualTo(SmsStatus.FAILED);
		assertThat(this.wire.get("/v1/sms/" + failed).text("/status")).isEqualTo("failed");
		assertThat(this.wire.get("/v1/sms/" + undelivered).json().has("delivered_at")).isFalse();
	}

	@Test
	void postsQueuedWhenAScheduledSmsFallsDue() {
		Instant at = this.sandbox.now().plus(Duration.ofMinutes(10));
		sendSms("{\"to\":\"" + TO + "\",\"from\":\"MyApp\",\"text\":\"Hi\",\"scheduled_at\":\"" + at + "\"}");
		this.sandbox.advance(Duration.ofMinutes(9));
		assertThat(this.sandbox.webhooks()).isEmpty();
		this.sandbox.advance(Duration.ofMinutes(2));
		await().atMost(WAIT).until(() -> this.recorder.events().size() == 3);
		assertThat(this.recorder.events()).containsExactly("sms.queued", "sms.sent", "sms.delivered");
	}

	@Test
	void walksACallThroughItsStatusesWithTheScriptedDigitsAndARecording() {
		this.sandbox.scriptDigits(TO, "42");
		String id = this.wire
			.post("/v1/voice/call",
					"{\"to\":\"" + TO + "\",\"from\":\"+14155550100\",\"actions\":["
							+ "{\"type\":\"say\",\"text\":\"Enter your PIN\"},{\"type\":\"gather\",\"num_digits\":2},"
							+ "{\"type\":\"record\"}]}")
			.text("/id");
		this.sandbox.advance(Duration.ofSeconds(5));
		await().atMost(WAIT).until(() -> this.recorder.events().size() == 5);
		assertThat(this.recorder.events()).containsExactly("call.ringing", "call.in_progress", "call.gather",
				"call.recording", "call.completed");
		List<JsonNode> bodies = this.recorder.received().stream().map(WebhookRecorder.Received::json).toList();
		assertThat(bodies).allSatisfy((body) -> assertThat(body.get("call_id").asString()).isEqualTo(id));
		assertThat(bodies.get(0).get("status").asString()).isEqualTo("ringing");
		assertThat(bodies.get(2).get("digits").asString()).isEqualTo("42");
		assertThat(bodies.get(3).get("duration").intValue()).isPositive();
		assertThat(bodies.get(4).get("status").asString()).isEqualTo("completed");
		assertThat(bodies.get(4).get("duration").intValue()).isPositive();
		assertThat(this.sandbox.calls()).singleElement().satisfies((call) -> {
			assertThat(call.status()).isEqualTo(CallStatus.COMPLETED);
			assertThat(call.duration()).isPositive();
		});
		String recording = bodies.get(3).get("recording_url").asString();
		assertThat(recording).startsWith(this.sandbox.baseUrl() + "/recordings/");
		assertThat(this.wire.request(recording.substring(this.sandbox.baseUrl().toString().length()), "").GET().build())
			.satisfies((request) -> assertThat(this.wire.raw(request).statusCode()).isEqualTo(200));
	}

	@Test
	void postsNoGatherWhenNoDigitsAreScripted() {
		this.wire.post("/v1/voice/call", "{\"to\":\"" + TO + "\",\"from\":\"+14155550100\",\"actions\":["
				+ "{\"type\":\"gather\",\"num_digits\":1}]}");
		this.sandbox.advance(Duration.ofSeconds(5));
		await().atMost(WAIT).until(() -> this.recorder.events().size() == 3);
		assertThat(this.recorder.events()).containsExactly("call.ringing", "call.in_progress", "call.completed");
	}

	@Test
	void endsACallAsScripted() {
		this.sandbox.scriptCall("+14155550001", CallStatus.BUSY);
		this.sandbox.scriptCall("+14155550002", CallStatus.FAILED);
		this.wire.post("/v1/voice/call", "{\"to\":\"+14155550001\",\"from\":\"+14155550100\",\"actions\":["
				+ "{\"type\":\"say\",\"text\":\"Hi\"}]}");
		this.wire.post("/v1/voice/call", "{\"to\":\"+14155550002\",\"from\":\"+14155550100\",\"actions\":["
				+ "{\"type\":\"say\",\"text\":\"Hi\"}]}");
		this.sandbox.advance(Duration.ofSeconds(5));
		await().atMost(WAIT).until(() -> this.recorder.events().size() == 3);
		assertThat(this.recorder.events()).containsExactlyInAnyOrder("call.ringing", "call.busy", "call.failed");
		assertThat(this.sandbox.calls()).extracting(PlacedCall::status)
			.containsExactly(CallStatus.BUSY, CallStatus.FAILED);
	}

	@Test
	void postsApprovedForTheRightCode() {
		String requestId = startVerification("{\"to\":\"" + TO + "\"}");
		check(requestId, this.sandbox.verificationCode(TO));
		await().atMost(WAIT).until(() -> this.recorder.events().size() == 1);
		JsonNode body = this.recorder.received().get(0).json();
		assertThat(body.propertyNames()).containsExactly("event", "request_id", "to", "status", "timestamp");
		assertThat(body.get("event").asString()).isEqualTo("verify.approved");
		assertThat(body.get("request_id").asString()).isEqualTo(requestId);
	}

	@Test
	void postsFailedAfterTooManyWrongCodes() {
		String requestId = startVerification("{\"to\":\"" + TO + "\"}");
		String wrong = this.sandbox.verificationCode(TO).equals("000000") ? "111111" : "000000";
		check(requestId, wrong);
		check(requestId, wrong);
		assertThat(this.sandbox.webhooks()).isEmpty();
		check(requestId, wrong);
		await().atMost(WAIT).until(() -> this.recorder.events().equals(List.of("verify.failed")));
	}

	@Test
	void postsExpiredWhenTheCodeRunsOut() {
		startVerification("{\"to\":\"" + TO + "\",\"expiry\":300}");
		this.sandbox.advance(Duration.ofSeconds(299));
		assertThat(this.sandbox.webhooks()).isEmpty();
		this.sandbox.advance(Duration.ofSeconds(1));
		await().atMost(WAIT).until(() -> this.recorder.events().equals(List.of("verify.expired")));
	}

	@Test
	void postsARefusedWebhookAgainWithBackoffAndKeepsTheOrder() {
		this.recorder.answer(500, 503);
		sendSms("{\"to\":\"" + TO + "\",\"from\":\"MyApp\",\"text\":\"Hi\"}");
		this.sandbox.advance(Duration.ofSeconds(1));
		await().atMost(WAIT).until(() -> firstDelivery().status() == 500);
		assertThat(this.recorder.received()).hasSize(1);
		this.sandbox.advance(Duration.ofSeconds(1));
		await().atMost(WAIT).until(() -> firstDelivery().status() == 503);
		// The second wait is twice the first: one more second is not enough.
		this.sandbox.advance(Duration.ofSeconds(1));
		assertThat(firstDelivery().attempts()).isEqualTo(2);
		this.sandbox.advance(Duration.ofSeconds(1));
		await().atMost(WAIT).until(() -> this.recorder.events().size() == 2);
		assertThat(this.recorder.events()).containsExactly("sms.sent", "sms.delivered");
		assertThat(this.recorder.received()).extracting(WebhookRecorder.Received::status)
			.containsExactly(500, 503, 200, 200);
		assertThat(this.recorder.received().get(0).body()).isEqualTo(this.recorder.received().get(2).body());
		assertThat(firstDelivery().attempts()).isEqualTo(3);
		assertThat(firstDelivery().delivered()).isTrue();
	}

	@Test
	void givesUpOnAWebhookAfterItsAttempts() {
		try (WebhookRecorder refusing = new WebhookRecorder();
				SendPulseSandbox sandbox = SendPulseSandbox.builder()
					.autoAdvance(false)
					.webhookSecret(SECRET)
					.webhookUrl(refusing.url("/hooks"))
					.webhookAttempts(2)
					.build()
					.start()) {
			refusing.answer(500, 500);
			new Wire(sandbox).post("/v1/verify/start", "{\"to\":\"" + TO + "\"}");
			sandbox.advance(Duration.ofSeconds(300));
			await().atMost(WAIT).until(() -> sandbox.webhooks().get(0).status() == 500);
			sandbox.advance(Duration.ofSeconds(1));
			await().atMost(WAIT).until(() -> refusing.received().size() == 2);
			sandbox.advance(Duration.ofMinutes(10));
			assertThat(sandbox.webhooks()).singleElement().satisfies((delivery) -> {
				assertThat(delivery.attempts()).isEqualTo(2);
				assertThat(delivery.delivered()).isFalse();
			});
		}
	}

	@Test
	void postsNothingWithoutAWebhookSecret() {
		try (SendPulseSandbox sandbox = SendPulseSandbox.builder()
			.autoAdvance(false)
			.webhookUrl(this.recorder.url("/hooks"))
			.build()
			.start()) {
			new Wire(sandbox).post("/v1/sms/send", "{\"to\":\"" + TO + "\",\"from\":\"MyApp\",\"text\":\"Hi\"}");
			sandbox.advance(Duration.ofSeconds(1));
			assertThat(sandbox.webhooks()).isEmpty();
			assertThat(sandbox.sentMessages()).singleElement()
				.satisfies((message) -> assertThat(message.status()).isEqualTo(SmsStatus.DELIVERED));
		}
	}

	@Test
	void movesLifecyclesOnItsOwnWhenAutoAdvancing() {
		try (SendPulseSandbox sandbox = SendPulseSandbox.builder()
			.stepDelay(Duration.ofMillis(50))
			.webhookSecret(SECRET)
			.webhookUrl(this.recorder.url("/hooks"))
			.build()
			.start()) {
			new Wire(sandbox).post("/v1/sms/send", "{\"to\":\"" + TO + "\",\"from\":\"MyApp\",\"text\":\"Hi\"}");
			await().atMost(WAIT).until(() -> this.recorder.events().equals(List.of("sms.sent", "sms.delivered")));
		}
	}

	@Test
	void forgetsEverythingOnReset() {
		sendSms("{\"to\":\"" + TO + "\",\"from\":\"MyApp\",\"text\":\"Hi\"}");
		startVerification("{\"to\":\"" + TO + "\"}");
		this.sandbox.faults().nextCalls(5).respondWith(500);
		this.sandbox.reset();
		this.sandbox.advance(Duration.ofMinutes(10));
		assertThat(this.sandbox.sentMessages()).isEmpty();
		assertThat(this.sandbox.verifications()).isEmpty();
		assertThat(this.sandbox.webhooks()).isEmpty();
		assertThat(this.sandbox.faults().pending()).isZero();
		assertThat(
				this.wire.post("/v1/sms/send", "{\"to\":\"" + TO + "\",\"from\":\"MyApp\",\"text\":\"Hi\"}").status())
			.isEqualTo(200);
	}

	private WebhookDelivery firstDelivery() {
		return this.sandbox.webhooks().get(0);
	}

	private String sendSms(String body) {
		Wire.Response response = this.wire.post("/v1/sms/send", body);
		assertThat(response.status()).isEqualTo(200);
		return response.text("/id");
	}

	private String startVerification(String body) {
		Wire.Response response = this.wire.post("/v1/verify/start", body);
		assertThat(response.status()).isEqualTo(200);
		return response.text("/request_id");
	}

	private void check(String requestId, String code) {
		this.wire.post("/v1/verify/check", "{\"request_id\":\"" + requestId + "\",\"code\":\"" + code + "\"}");
	}

}
