package io.sendpulse.spring.test.internal;

/**
 * The header names the sandbox reads and writes, spelled here rather than taken from the
 * client, so that a misspelling in the client shows up as a failing test.
 */
final class WireHeaders {

	static final String AUTHORIZATION = "Authorization";

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

	static final String RETRY_AFTER = "Retry-After";

	static final String SIGNATURE = "X-Signature";

	private WireHeaders() {
	}

}
