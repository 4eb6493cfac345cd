package io.sendpulse.spring.test;

import java.math.BigDecimal;
import java.time.Duration;

import io.sendpulse.spring.SendPulseBadRequestException;
import io.sendpulse.spring.SendPulseInsufficientBalanceException;
import io.sendpulse.spring.SendPulseServerException;
import io.sendpulse.spring.sms.SmsMessage;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsStatus;
import io.sendpulse.spring.sms.SmsTemplate;
import io.sendpulse.spring.verify.Verification;
import io.sendpulse.spring.verify.VerificationRequest;
import io.sendpulse.spring.verify.VerificationStatus;
import io.sendpulse.spring.verify.VerifyTemplate;
import io.sendpulse.spring.voice.Call;
import io.sendpulse.spring.voice.CallRequest;
import io.sendpulse.spring.voice.CallStatus;
import io.sendpulse.spring.voice.VoiceAction;
import io.sendpulse.spring.voice.VoiceTemplate;
import io.sendpulse.spring.webhook.SendPulseWebhook;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A user's test: {@link AutoConfigureSendPulseSandbox @AutoConfigureSendPulseSandbox} on
 * a {@code @SpringBootTest}, driving the sandbox through the templates.
 */
@SpringBootTest(properties = { "sendpulse.sms.from=MyApp", "sendpulse.voice.from=+14155550100",
		"sendpulse.webhook.secret=" + AutoConfigureSendPulseSandboxTests.SECRET, "sendpulse.retry.initial-backoff=20ms",
		"sendpulse.read-timeout=1s" })
@AutoConfigureSendPulseSandbox
class AutoConfigureSendPulseSandboxTests {

	static final String SECRET = "whsec-app";

	private static final String TO = "+14155550123";

	private static final Duration WAIT = Duration.ofSeconds(10);

	// Stands in for the application's web server: the webhook endpoint itself is another
	// module's job, so a recorder listens where Boot says the application listens.
	private static final WebhookRecorder application = new WebhookRecorder();

	@DynamicPropertySource
	static void applicationPort(DynamicPropertyRegistry registry) {
		registry.add("local.server.port", application::port);
	}

	@AfterAll
	static void stopApplication() {
		application.close();
	}

	@Autowired
	private SmsTemplate sms;

	@Autowired
	private VoiceTemplate voice;

	@Autowired
	private VerifyTemplate verify;

	@Autowired
	private SendPulseSandbox sandbox;

	@BeforeEach
	void reset() {
		this.sandbox.reset();
		application.clear();
	}

	@Test
	void sendsAnSmsThroughTheTemplateToTheSandbox() {
		SmsMessage message = this.sms.send(SmsRequest.builder().to(TO).text("Your order has shipped").build());
		assertThat(message.status()).isEqualTo(SmsStatus.QUEUED);
		assertThat(message.segments()).isOne();
		assertThat(message.cost()).isEqualByComparingTo("0.0075");
		assertThat(this.sandbox.sentMessages()).singleElement().satisfies((sent) -> {
			assertThat(sent.id()).isEqualTo(message.id());
			assertThat(sent.to()).isEqualTo(TO);
			assertThat(sent.from()).isEqualTo("MyApp");
			assertThat(sent.text()).isEqualTo("Your order has shipped");
		});
		await().atMost(WAIT).until(() -> this.sms.status(message.id()).status() == SmsStatus.DELIVERED);
		assertThat(this.sms.status(message.id()).deliveredAt()).isNotNull();
	}

	@Test
	void postsSignedWebhooksToTheApplicationsOwnEndpoint() {
		SmsMessage message = this.sms.send(SmsRequest.builder().to(TO).text("Hello").build());
		await().atMost(WAIT).until(() -> application.events().size() == 2);
		assertThat(application.events()).containsExactly("sms.sent", "sms.delivered");
		assertThat(application.received()).allSatisfy((received) -> {
			assertThat(received.path()).isEqualTo("/webhooks/sendpulse");
			assertThat(received.signedWith(SECRET)).isTrue();
			assertThat(received.json().get("message_id").asString()).isEqualTo(message.id());
		});
	}

	@Test
	void verifiesANumberWithTheCodeTheSandboxSent() {
		Verification verification = this.verify.start(VerificationRequest.builder().to(TO).build());
		assertThat(verification.status()).isEqualTo(VerificationStatus.PENDING);
		String code = this.sandbox.verificationCode(TO);
		assertThat(this.verify.check(verification.requestId(), code).valid()).isTrue();
		await().atMost(WAIT).until(() -> application.events().contains("verify.approved"));
	}

	@Test
	void refusesAWrongCode() {
		Verification verification = this.verify.start(VerificationRequest.builder().to(TO).codeLength(4).build());
		String wrong = this.sandbox.verificationCode(TO).equals("0000") ? "1111" : "0000";
		assertThat(this.verify.check(verification.requestId(), wrong).valid()).isFalse();
	}

	@Test
	void placesACallWithItsActions() {
		this.sandbox.scriptDigits(TO, "1");
		Call call = this.voice.call(CallRequest.builder()
			.to(TO)
			.actions(VoiceAction.say("Press 1 to confirm"), VoiceAction.gather().numDigits(1).build())
			.build());
		assertThat(call.status()).isEqualTo(CallStatus.QUEUED);
		assertThat(this.sandbox.calls()).singleElement().satisfies((placed) -> {
			assertThat(placed.id()).isEqualTo(call.id());
			assertThat(placed.from()).isEqualTo("+14155550100");
			assertThat(placed.actions()).containsExactly(VoiceAction.say("Press 1 to confirm"),
					VoiceAction.gather().numDigits(1).build());
		});
		await().atMost(WAIT).until(() -> application.events().contains("call.completed"));
		assertThat(application.events()).containsExactly("call.ringing", "call.in_progress", "call.gather",
				"call.completed");
	}

	@Test
	void sendsOneSmsWhenTheFirstAttemptIsRefused() {
		this.sandbox.faults().nextCalls(1).respondWith(503);
		this.sms.send(SmsRequest.builder().to(TO).text("Hello").build());
		assertThat(this.sandbox.sentMessages()).hasSize(1);
	}

	@Test
	void sendsOneSmsWhenTheConnectionIsReset() {
		this.sandbox.faults().nextCalls(1).resetConnection();
		this.sms.send(SmsRequest.builder().to(TO).text("Hello").build());
		assertThat(this.sandbox.sentMessages()).hasSize(1);
	}

	@Test
	void sendsOneSmsAndReturnsTheFirstAnswerWhenTheAnswerIsLost() {
		// The worst case: the API sent the SMS, then the connection dropped before the
		// answer. The retry carries the same Idempotency-Key and gets the stored answer.
		this.sandbox.faults().nextCalls(1).processThenResetConnection();
		SmsMessage message = this.sms.send(SmsRequest.builder().to(TO).text("Hello").build());
		assertThat(this.sandbox.faults().pending()).isZero();
		assertThat(this.sandbox.sentMessages()).singleElement().satisfies((sent) -> {
			assertThat(sent.id()).isEqualTo(message.id());
			assertThat(sent.cost()).isEqualByComparingTo(message.cost());
		});
		assertThat(this.sandbox.balance()).isEqualByComparingTo("99.9925");
	}

	@Test
	void startsOneVerificationWhenTheAnswerIsLost() {
		this.sandbox.faults().nextCalls(1).processThenResetConnection();
		Verification verification = this.verify.start(VerificationRequest.builder().to(TO).build());
		assertThat(this.sandbox.verifications()).singleElement()
			.satisfies((sent) -> assertThat(sent.requestId()).isEqualTo(verification.requestId()));
		assertThat(this.verify.check(verification.requestId(), this.sandbox.verificationCode(TO)).valid()).isTrue();
	}

	@Test
	void sendsOneSmsAfterARateLimitedAttempt() {
		this.sandbox.faults().nextCalls(1).respondWith(429, Duration.ZERO);
		this.sms.send(SmsRequest.builder().to(TO).text("Hello").build());
		assertThat(this.sandbox.sentMessages()).hasSize(1);
	}

	@Test
	void raisesTheServerErrorWithoutRetryingA500() {
		this.sandbox.faults().nextCalls(1).respondWith(500);
		assertThatExceptionOfType(SendPulseServerException.class)
			.isThrownBy(() -> this.sms.send(SmsRequest.builder().to(TO).text("Hello").build()))
			.satisfies((ex) -> assertThat(ex.getAttempts()).isOne());
		assertThat(this.sandbox.sentMessages()).isEmpty();
	}

	@Test
	void sendsOneSmsWhenTheFirstAttemptTimesOut() {
		// The first attempt is handled (the SMS sent) but answered after the client gave
		// up; the retry carries the same Idempotency-Key, so it sends nothing new.
		this.sandbox.faults().nextCalls(1).delay(Duration.ofMillis(1500));
		this.sms.send(SmsRequest.builder().to(TO).text("Hello").build());
		await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> this.sandbox.sentMessages().size() == 1);
	}

	@Test
	void raisesInsufficientBalanceWhenTheBalanceRunsOut() {
		this.sandbox.setBalance(BigDecimal.ZERO);
		assertThatExceptionOfType(SendPulseInsufficientBalanceException.class)
			.isThrownBy(() -> this.sms.send(SmsRequest.builder().to(TO).text("Hello").build()))
			.satisfies((ex) -> assertThat(ex.getErrorCode()).isEqualTo("insufficient_balance"));
		assertThat(this.sandbox.sentMessages()).isEmpty();
	}

	@Test
	void answersAScheduledSmsInThePastWithBadRequest() {
		// The client checks scheduled_at against its own clock; the sandbox against its
		// own.
		this.sandbox.advance(Duration.ofHours(2));
		assertThatExceptionOfType(SendPulseBadRequestException.class)
			.isThrownBy(() -> this.sms.send(SmsRequest.builder()
				.to(TO)
				.text("Hello")
				.scheduledAt(java.time.Instant.now().plus(Duration.ofHours(1)))
				.build()))
			.satisfies((ex) -> assertThat(ex.getError().param()).isEqualTo("scheduled_at"));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(DeliveryReceipts.class)
	static class TestApplication {

	}

	@SendPulseWebhook("/webhooks/sendpulse")
	static class DeliveryReceipts {

	}

}
