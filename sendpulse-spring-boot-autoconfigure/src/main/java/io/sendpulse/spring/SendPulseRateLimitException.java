package io.sendpulse.spring;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Raised when SendPulse answers 429 after the retries ran out, or when the client-side
 * rate limiter ({@code sendpulse.rate-limit.*}) gave no permit in time, in which case
 * nothing was sent and {@link #getStatusCode()} is {@code 0}.
 */
public class SendPulseRateLimitException extends SendPulseException {

	private final @Nullable Duration retryAfter;

	/**
	 * Create an exception.
	 * @param message what failed, without secrets
	 * @param statusCode 429, or {@code 0} when the client-side limiter refused
	 * @param error the error the API wrote in the body, if it wrote one
	 * @param attempts how many attempts were made
	 * @param retryAfter how long to wait before trying again, when known
	 */
	public SendPulseRateLimitException(String message, int statusCode, @Nullable ApiError error, int attempts,
			@Nullable Duration retryAfter) {
		super(message, statusCode, error, attempts, statusCode != 0, null);
		this.retryAfter = retryAfter;
	}

	/**
	 * Return how long to wait before trying again: the API's {@code Retry-After}, when it
	 * sent one.
	 * @return the wait, or {@code null} when unknown
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

}
