package io.sendpulse.spring.internal.webhook;

import java.util.Map;

/**
 * What became of a webhook delivery, and the HTTP status the endpoint answers with.
 */
public enum WebhookOutcome {

	/** Verified, new, and published to the listeners: 200. */
	PUBLISHED(200),

	/**
	 * Verified, but published already within the tolerance window (or by an identical
	 * delivery that arrived at the same time): 200, not published again.
	 */
	DUPLICATE(200),

	/** Signature missing or wrong: 401. */
	INVALID_SIGNATURE(401),

	/** Signed body not JSON, or without an {@code event} or {@code timestamp}: 400. */
	MALFORMED(400),

	/** Signed body's timestamp too far from now: 401. */
	OUTSIDE_TOLERANCE(401),

	/** Any method but {@code POST}: 405, with {@code Allow: POST}. */
	METHOD_NOT_ALLOWED(405),

	/** Body larger than {@code sendpulse.webhook.max-payload-size}: 413. */
	TOO_LARGE(413),

	/** A listener threw: 500, so that SendPulse delivers the event again. */
	LISTENER_FAILED(500),

	/**
	 * An identical delivery is still being published and did not finish in time: 503, so
	 * that SendPulse delivers again later.
	 */
	IN_PROGRESS(503);

	private final int status;

	WebhookOutcome(int status) {
		this.status = status;
	}

	/**
	 * Return the HTTP status the endpoint answers with.
	 * @return the status code
	 */
	public int status() {
		return this.status;
	}

	/**
	 * Return the headers to answer with, besides the status.
	 * @return the headers, by name
	 */
	public Map<String, String> headers() {
		return (this == METHOD_NOT_ALLOWED) ? Map.of("Allow", "POST") : Map.of();
	}

}
