package io.sendpulse.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import io.sendpulse.spring.webhook.SendPulseEvent;
import io.sendpulse.spring.webhook.WebhookSignatureVerifier;
import io.sendpulse.spring.webhook.WebhookSigner;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * B5: signature verification plus parsing of a 300-byte event, as the webhook endpoint
 * does it for every delivery.
 */
@State(Scope.Thread)
public class SignatureBenchmark {

	static final Instant NOW = Instant.parse("2026-01-15T10:30:00Z");

	private byte[] body;

	private String signature;

	private WebhookSignatureVerifier verifier;

	@Setup
	public void setUp() {
		this.body = event().getBytes(StandardCharsets.UTF_8);
		this.signature = new WebhookSigner("bench-secret").sign(this.body);
		this.verifier = new WebhookSignatureVerifier(List.of("bench-secret"), Duration.ofMinutes(5),
				Clock.fixed(NOW, ZoneOffset.UTC));
	}

	@Benchmark
	public SendPulseEvent verifyAndParse() {
		return this.verifier.verify(this.body, this.signature);
	}

	/**
	 * An {@code sms.delivered} event padded with the extra fields a real one may carry,
	 * 300 bytes.
	 */
	static String event() {
		String event = "{\"event\":\"sms.delivered\",\"message_id\":\"msg_9f8a7b6c5d4e3f2a1b0c\",\"to\":\"+14155550123\","
				+ "\"status\":\"delivered\",\"timestamp\":\"" + NOW + "\",\"segments\":1,\"cost\":0.0075,"
				+ "\"carrier\":\"Example Mobile\",\"country\":\"US\",\"reference\":\"";
		String end = "\"}";
		return event + "x".repeat(300 - event.length() - end.length()) + end;
	}

}
