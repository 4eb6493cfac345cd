package io.sendpulse.spring.webhook;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import io.sendpulse.spring.internal.webhook.WebhookEventReader;
import io.sendpulse.spring.webhook.WebhookVerificationException.Reason;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Verifies SendPulse webhook deliveries: the {@code X-Signature} HMAC-SHA256 over the raw
 * body bytes (lowercase or upper-case hex, with or without a {@code sha256=} prefix,
 * compared in constant time) against one or more secrets, and the signed body's
 * {@code timestamp} against a tolerance either way. Needs no Spring context, so a custom
 * controller or a queue consumer can use it:
 * <p>
 * <pre class="code">
 * WebhookSignatureVerifier verifier = new WebhookSignatureVerifier("my-secret");
 * SendPulseEvent event = verifier.verify(rawBody, request.getHeader(WebhookSigner.SIGNATURE_HEADER));
 * </pre>
 * <p>
 * Always pass the bytes exactly as received: a body that was parsed and written again no
 * longer matches its signature. Verification does not detect replays; the
 * {@link SendPulseWebhook} endpoint does. Thread-safe.
 */
public final class WebhookSignatureVerifier {

	/** The tolerance when none is given: five minutes. */
	public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

	private static final String PREFIX = "sha256=";

	private static final int SIGNATURE_BYTES = 32;

	private final List<WebhookSigner> signers;

	private final Duration tolerance;

	private final Clock clock;

	/**
	 * Create a verifier for one secret, with the default tolerance and the system clock.
	 * @param secret the webhook secret
	 */
	public WebhookSignatureVerifier(String secret) {
		this(List.of(secret), DEFAULT_TOLERANCE, Clock.systemUTC());
	}

	/**
	 * Create a verifier.
	 * @param secrets the secrets a valid signature may be made with (several while
	 * rotating)
	 * @param tolerance the largest accepted difference between an event's timestamp and
	 * now, either way
	 * @param clock the clock that says what now is
	 */
	public WebhookSignatureVerifier(Collection<String> secrets, Duration tolerance, Clock clock) {
		Assert.notEmpty(secrets, "secrets must not be empty");
		Assert.isTrue(!tolerance.isNegative() && !tolerance.isZero(), "tolerance must be positive");
		Assert.notNull(clock, "clock must not be null");
		this.signers = secrets.stream().map(WebhookSigner::new).toList();
		this.tolerance = tolerance;
		this.clock = clock;
	}

	/**
	 * Verify a delivery and read its event: the signature first, then the body, then its
	 * timestamp.
	 * @param body the raw body bytes, exactly as received
	 * @param signature the {@code X-Signature} header, if there was one
	 * @return the event
	 * @throws WebhookVerificationException if the signature is missing or wrong, the body
	 * is not an event, or its timestamp is outside the tolerance
	 */
	public SendPulseEvent verify(byte[] body, @Nullable String signature) {
		if (!isValidSignature(body, signature)) {
			throw new WebhookVerificationException(Reason.INVALID_SIGNATURE,
					(signature != null) ? "Signature does not match" : "Signature is missing");
		}
		SendPulseEvent event = WebhookEventReader.read(body);
		if (!isWithinTolerance(event.timestamp())) {
			throw new WebhookVerificationException(Reason.OUTSIDE_TOLERANCE,
					"Timestamp " + event.timestamp() + " is more than " + this.tolerance + " away from now");
		}
		return event;
	}

	/**
	 * Check a signature only.
	 * @param body the raw body bytes, exactly as received
	 * @param signature the {@code X-Signature} header, if there was one
	 * @return whether it is the HMAC-SHA256 of the body under one of the secrets
	 */
	public boolean isValidSignature(byte[] body, @Nullable String signature) {
		byte[] expected = decode(signature);
		if (expected == null) {
			return false;
		}
		boolean valid = false;
		for (WebhookSigner signer : this.signers) {
			// Constant-time, and every secret is tried so the time says nothing about
			// which matched.
			valid |= MessageDigest.isEqual(signer.hmac(body), expected);
		}
		return valid;
	}

	/**
	 * Check a timestamp against the tolerance.
	 * @param timestamp the event's timestamp
	 * @return whether it is at most the tolerance before or after now
	 */
	public boolean isWithinTolerance(Instant timestamp) {
		Instant now = this.clock.instant();
		return !timestamp.isBefore(now.minus(this.tolerance)) && !timestamp.isAfter(now.plus(this.tolerance));
	}

	/**
	 * Return the tolerance.
	 * @return the largest accepted difference between an event's timestamp and now
	 */
	public Duration getTolerance() {
		return this.tolerance;
	}

	private static byte @Nullable [] decode(@Nullable String signature) {
		if (signature == null) {
			return null;
		}
		String hex = signature.trim();
		if (hex.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
			hex = hex.substring(PREFIX.length());
		}
		if (hex.length() != SIGNATURE_BYTES * 2) {
			return null;
		}
		byte[] bytes = new byte[SIGNATURE_BYTES];
		for (int i = 0; i < SIGNATURE_BYTES; i++) {
			int high = hexDigit(hex.charAt(2 * i));
			int low = hexDigit(hex.charAt(2 * i + 1));
			if (high < 0 || low < 0) {
				return null;
			}
			bytes[i] = (byte) ((high << 4) | low);
		}
		return bytes;
	}

	// ASCII only: Character.digit would also take other scripts' digits.
	private static int hexDigit(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		if (c >= 'a' && c <= 'f') {
			return c - 'a' + 10;
		}
		if (c >= 'A' && c <= 'F') {
			return c - 'A' + 10;
		}
		return -1;
	}

	@Override
	public String toString() {
		return "WebhookSignatureVerifier[secrets=" + this.signers.size() + " (hidden), tolerance=" + this.tolerance
				+ "]";
	}

}
