package io.sendpulse.spring.webhook;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;

import io.sendpulse.spring.sms.SmsStatus;
import io.sendpulse.spring.verify.VerificationStatus;
import io.sendpulse.spring.voice.CallStatus;
import io.sendpulse.spring.webhook.WebhookVerificationException.Reason;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class WebhookSignatureVerifierTests {

	private static final Instant NOW = Instant.parse("2026-01-15T10:30:00Z");

	private static final String SECRET = "whsec_current";

	private final WebhookSignatureVerifier verifier = new WebhookSignatureVerifier(List.of(SECRET, "whsec_previous"),
			Duration.ofMinutes(5), Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void acceptsTheLowercaseHexSignatureSendPulseSends() {
		byte[] body = sms("2026-01-15T10:30:00Z");
		SendPulseEvent event = this.verifier.verify(body, sign(SECRET, body));
		assertThat(event)
			.isEqualTo(new SmsStatusEvent("sms.delivered", "msg_9f8a7b6c", "+1234567890", SmsStatus.DELIVERED, NOW));
	}

	@Test
	void acceptsUpperCaseHexAndASha256Prefix() {
		byte[] body = sms("2026-01-15T10:30:00Z");
		String signature = sign(SECRET, body);
		assertThat(this.verifier.isValidSignature(body, signature.toUpperCase(Locale.ROOT))).isTrue();
		assertThat(this.verifier.isValidSignature(body, "sha256=" + signature)).isTrue();
		assertThat(this.verifier.isValidSignature(body, "SHA256=" + signature.toUpperCase(Locale.ROOT))).isTrue();
	}

	@Test
	void acceptsASignatureMadeWithAnAdditionalSecretWhileRotating() {
		byte[] body = sms("2026-01-15T10:30:00Z");
		assertThat(this.verifier.verify(body, sign("whsec_previous", body))).isInstanceOf(SmsStatusEvent.class);
	}

	@Test
	void rejectsAMissingSignature() {
		assertThatExceptionOfType(WebhookVerificationException.class)
			.isThrownBy(() -> this.verifier.verify(sms("2026-01-15T10:30:00Z"), null))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.INVALID_SIGNATURE));
	}

	@Test
	void rejectsASignatureMadeWithAnotherSecret() {
		byte[] body = sms("2026-01-15T10:30:00Z");
		assertThatExceptionOfType(WebhookVerificationException.class)
			.isThrownBy(() -> this.verifier.verify(body, sign("whsec_attacker", body)))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.INVALID_SIGNATURE))
			.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain(SECRET).doesNotContain("+1234567890"));
	}

	@Test
	void rejectsABodyChangedAfterSigning() {
		byte[] body = sms("2026-01-15T10:30:00Z");
		String signature = sign(SECRET, body);
		byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("delivered", "failed")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(this.verifier.isValidSignature(tampered, signature)).isFalse();
	}

	@Test
	void rejectsSignaturesThatAreNotHexOfTheRightLength() {
		byte[] body = sms("2026-01-15T10:30:00Z");
		String signature = sign(SECRET, body);
		assertThat(this.verifier.isValidSignature(body, "")).isFalse();
		assertThat(this.verifier.isValidSignature(body, signature.substring(2))).isFalse();
		assertThat(this.verifier.isValidSignature(body, signature + "00")).isFalse();
		assertThat(this.verifier.isValidSignature(body, "zz" + signature.substring(2))).isFalse();
		assertThat(this.verifier.isValidSignature(body, "sha1=" + signature)).isFalse();
	}

	@Test
	void acceptsTimestampsUpToTheToleranceEitherWay() {
		assertThat(this.verifier.isWithinTolerance(NOW.minus(Duration.ofMinutes(5)))).isTrue();
		assertThat(this.verifier.isWithinTolerance(NOW.plus(Duration.ofMinutes(5)))).isTrue();
		assertThat(this.verifier.isWithinTolerance(NOW.minus(Duration.ofMinutes(5)).minusMillis(1))).isFalse();
		assertThat(this.verifier.isWithinTolerance(NOW.plus(Duration.ofMinutes(5)).plusMillis(1))).isFalse();
	}

	@Test
	void rejectsAStaleOrFutureSignedBodyAsOutsideTheTolerance() {
		for (String timestamp : List.of("2026-01-15T10:24:59Z", "2026-01-15T10:35:01Z")) {
			byte[] body = sms(timestamp);
			assertThatExceptionOfType(WebhookVerificationException.class)
				.isThrownBy(() -> this.verifier.verify(body, sign(SECRET, body)))
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.OUTSIDE_TOLERANCE));
		}
	}

	@Test
	void checksTheSignatureBeforeReadingTheBody() {
		byte[] body = "not json".getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(WebhookVerificationException.class)
			.isThrownBy(() -> this.verifier.verify(body, sign("whsec_attacker", body)))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.INVALID_SIGNATURE));
	}

	@Test
	void rejectsSignedBodiesThatAreNotEvents() {
		for (String json : List.of("not json", "[1,2]", "\"text\"", "{\"event\":\"sms.sent\"", "",
				"{\"timestamp\":\"2026-01-15T10:30:00Z\"}", "{\"event\":\"sms.sent\"}",
				"{\"event\":\"sms.sent\",\"timestamp\":\"yesterday\"}", "{\"event\":\"\",\"timestamp\":1768473000}")) {
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			assertThatExceptionOfType(WebhookVerificationException.class).as(json)
				.isThrownBy(() -> this.verifier.verify(body, sign(SECRET, body)))
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED));
		}
	}

	@Test
	void readsEveryEventOfTheContract() {
		assertThat(verify("{\"event\":\"call.completed\",\"call_id\":\"call_1\",\"to\":\"+1234567890\","
				+ "\"status\":\"completed\",\"duration\":42,\"timestamp\":\"2026-01-15T10:30:00Z\"}"))
			.isEqualTo(new CallStatusEvent("call.completed", "call_1", "+1234567890", CallStatus.COMPLETED,
					Duration.ofSeconds(42), NOW));
		assertThat(verify("{\"event\":\"call.ringing\",\"call_id\":\"call_1\",\"to\":\"+1234567890\","
				+ "\"status\":\"ringing\",\"timestamp\":\"2026-01-15T10:30:00Z\"}"))
			.isEqualTo(new CallStatusEvent("call.ringing", "call_1", "+1234567890", CallStatus.RINGING, null, NOW));
		assertThat(verify("{\"event\":\"call.gather\",\"call_id\":\"call_1\",\"digits\":\"1#\","
				+ "\"timestamp\":\"2026-01-15T10:30:00Z\"}"))
			.isEqualTo(new CallGatherEvent("call.gather", "call_1", "1#", NOW));
		assertThat(verify("{\"event\":\"call.recording\",\"call_id\":\"call_1\","
				+ "\"recording_url\":\"https://rec.sendpulse.io/r/1.mp3\",\"duration\":7.5,"
				+ "\"timestamp\":\"2026-01-15T10:30:00Z\"}"))
			.isEqualTo(new CallRecordingEvent("call.recording", "call_1",
					URI.create("https://rec.sendpulse.io/r/1.mp3"), Duration.ofMillis(7500), NOW));
		assertThat(verify("{\"event\":\"verify.approved\",\"request_id\":\"vrf_1\",\"to\":\"+1234567890\","
				+ "\"status\":\"approved\",\"timestamp\":\"2026-01-15T10:30:00Z\"}"))
			.isEqualTo(
					new VerificationEvent("verify.approved", "vrf_1", "+1234567890", VerificationStatus.APPROVED, NOW));
	}

	@Test
	void readsAKnownEventWithMissingOrEmptyFieldsRatherThanRefusingIt() {
		assertThat(verify("{\"event\":\"call.gather\",\"call_id\":\"call_1\",\"digits\":\"\","
				+ "\"timestamp\":\"2026-01-15T10:30:00Z\"}"))
			.isEqualTo(new CallGatherEvent("call.gather", "call_1", "", NOW));
		assertThat(verify("{\"event\":\"call.gather\",\"call_id\":\"call_1\",\"timestamp\":\"2026-01-15T10:30:00Z\"}"))
			.isEqualTo(new CallGatherEvent("call.gather", "call_1", "", NOW));
		assertThat(verify("{\"event\":\"sms.delivered\",\"message_id\":\"msg_1\",\"status\":\"delivered\","
				+ "\"timestamp\":\"2026-01-15T10:30:00Z\"}"))
			.isEqualTo(new SmsStatusEvent("sms.delivered", "msg_1", null, SmsStatus.DELIVERED, NOW));
		assertThat(verify("{\"event\":\"sms.sent\",\"timestamp\":\"2026-01-15T10:30:00Z\"}"))
			.isEqualTo(new SmsStatusEvent("sms.sent", null, null, SmsStatus.UNKNOWN, NOW));
		assertThat(verify("{\"event\":\"call.completed\",\"to\":\"\",\"timestamp\":\"2026-01-15T10:30:00Z\"}"))
			.isEqualTo(new CallStatusEvent("call.completed", null, null, CallStatus.UNKNOWN, null, NOW));
		assertThat(
				verify("{\"event\":\"call.recording\",\"call_id\":\"call_1\",\"timestamp\":\"2026-01-15T10:30:00Z\"}"))
			.isEqualTo(new CallRecordingEvent("call.recording", "call_1", null, null, NOW));
		assertThat(verify(
				"{\"event\":\"verify.approved\",\"request_id\":\"vrf_1\"," + "\"timestamp\":\"2026-01-15T10:30:00Z\"}"))
			.isEqualTo(new VerificationEvent("verify.approved", "vrf_1", null, VerificationStatus.UNKNOWN, NOW));
	}

	@Test
	void rejectsSignedValuesThatDoNotFitTheirTypeAsMalformed() {
		for (String json : List.of("{\"event\":\"sms.sent\",\"timestamp\":9223372036854775807}",
				"{\"event\":\"sms.sent\",\"timestamp\":-9223372036854775808}",
				"{\"event\":\"sms.sent\",\"timestamp\":123456789012345678901234567890}",
				"{\"event\":\"sms.sent\",\"timestamp\":\"+1000000001-01-01T00:00:00Z\"}", call("9223372036854775808"),
				call("-9223372036854775808.5"), call("1e30"), call("1e999999999"), call("\"long\""),
				"{\"event\":\"call.recording\",\"recording_url\":\"http://a b\","
						+ "\"timestamp\":\"2026-01-15T10:30:00Z\"}")) {
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			assertThatExceptionOfType(WebhookVerificationException.class).as(json)
				.isThrownBy(() -> this.verifier.verify(body, sign(SECRET, body)))
				.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.MALFORMED));
		}
	}

	@Test
	void readsDurationsUpToTheirRange() {
		assertThat(verify(call("9223372036854775807"))).isInstanceOfSatisfying(CallStatusEvent.class,
				(event) -> assertThat(event.duration()).isEqualTo(Duration.ofSeconds(Long.MAX_VALUE)));
		assertThat(verify(call("0.000000000001"))).isInstanceOfSatisfying(CallStatusEvent.class,
				(event) -> assertThat(event.duration()).isEqualTo(Duration.ZERO));
		assertThat(verify(call("1e-999999999"))).isInstanceOfSatisfying(CallStatusEvent.class,
				(event) -> assertThat(event.duration()).isEqualTo(Duration.ZERO));
	}

	@Test
	void hidesGatheredDigitsAndRecordingUrlTokensWhenEventsArePrinted() {
		assertThat(new CallGatherEvent("call.gather", "call_1", "482901", NOW).toString()).doesNotContain("482901")
			.contains("call_1")
			.contains("6 hidden");
		URI recording = URI.create("https://user:pass@rec.sendpulse.io/r/tok_secret/1.mp3?signature=sig_secret");
		assertThat(new CallRecordingEvent("call.recording", "call_1", recording, Duration.ofSeconds(7), NOW).toString())
			.doesNotContain("tok_secret")
			.doesNotContain("sig_secret")
			.doesNotContain("pass")
			.contains("https://rec.sendpulse.io/…");
		assertThat(
				new CallRecordingEvent("call.recording", "call_1", URI.create("/r/tok_secret"), null, NOW).toString())
			.doesNotContain("tok_secret");
	}

	@Test
	void publishesAnUnknownEventWithItsRawJsonRatherThanRejectingIt() {
		String json = "{\"event\":\"whatsapp.read\",\"chat\":{\"id\":7},\"timestamp\":\"2026-01-15T10:30:00Z\"}";
		assertThat(verify(json)).isEqualTo(new UnknownEvent("whatsapp.read", NOW, json));
		String call = "{\"event\":\"call.transferred\",\"timestamp\":\"2026-01-15T10:30:00Z\"}";
		assertThat(verify(call)).isEqualTo(new UnknownEvent("call.transferred", NOW, call));
	}

	@Test
	void publishesANewEventOfAKnownFamilyAsUnknownEvenWithoutTheFamilysFields() {
		String sms = "{\"event\":\"sms.clicked\",\"message_id\":\"msg_1\",\"timestamp\":\"2026-01-15T10:30:00Z\"}";
		assertThat(verify(sms)).isEqualTo(new UnknownEvent("sms.clicked", NOW, sms));
		String verification = "{\"event\":\"verify.resent\",\"timestamp\":\"2026-01-15T10:30:00Z\"}";
		assertThat(verify(verification)).isEqualTo(new UnknownEvent("verify.resent", NOW, verification));
	}

	@Test
	void mapsStatusesItDoesNotKnowToUnknown() {
		assertThat(verify("{\"event\":\"sms.bounced\",\"message_id\":\"msg_1\",\"to\":\"+1234567890\","
				+ "\"status\":\"bounced\",\"timestamp\":\"2026-01-15T10:30:00Z\"}"))
			.isInstanceOfSatisfying(SmsStatusEvent.class,
					(event) -> assertThat(event.status()).isEqualTo(SmsStatus.UNKNOWN));
	}

	@Test
	void masksPhoneNumbersWhenEventsArePrinted() {
		assertThat(verify(new String(sms("2026-01-15T10:30:00Z"), StandardCharsets.UTF_8)).toString())
			.doesNotContain("+1234567890")
			.contains("+1*****7890");
		assertThat(new UnknownEvent("x.y", NOW, "{\"phone\":\"+1234567890\"}").toString())
			.doesNotContain("+1234567890");
	}

	@Test
	void neverPrintsItsSecrets() {
		assertThat(this.verifier.toString()).doesNotContain(SECRET).doesNotContain("whsec_previous");
	}

	@Test
	void canBeUsedWithoutSpringWithTheDefaultTolerance() {
		WebhookSignatureVerifier plain = new WebhookSignatureVerifier(SECRET);
		byte[] body = sms(Instant.now().toString());
		assertThat(plain.verify(body, sign(SECRET, body))).isInstanceOf(SmsStatusEvent.class);
		assertThat(plain.getTolerance()).isEqualTo(Duration.ofMinutes(5));
	}

	private SendPulseEvent verify(String json) {
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		return this.verifier.verify(body, sign(SECRET, body));
	}

	private static String call(String duration) {
		return "{\"event\":\"call.completed\",\"call_id\":\"call_1\",\"to\":\"+1234567890\",\"status\":\"completed\","
				+ "\"duration\":" + duration + ",\"timestamp\":\"2026-01-15T10:30:00Z\"}";
	}

	private static String sign(String secret, byte[] body) {
		return new WebhookSigner(secret).sign(body);
	}

	static byte[] sms(String timestamp) {
		return ("{\"event\":\"sms.delivered\",\"message_id\":\"msg_9f8a7b6c\",\"to\":\"+1234567890\","
				+ "\"status\":\"delivered\",\"timestamp\":\"" + timestamp + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

}
