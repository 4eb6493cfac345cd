package io.sendpulse.spring;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Raised when a call was refused for its rate. Two cases, told apart by
 * {@link #getStatusCode()}:
 * <ul>
 * <li>{@code 429}: SendPulse answered 429 and the retries ran out; retryable.</li>
 * <li>{@code 0}: the client's own limiter ({@code sendpulse.rate-limit.*}) found no room
 * within {@code sendpulse.rate-limit.timeout}: nothing was sent, and
 * {@link #getRetryAfter()} says when a place frees up. Not retried by the starter itself
 * (it already waited), but safe to send again later.</li>
 * </ul>
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
	 * @throws IllegalArgumentException if the status is neither 429 nor 0
	 */
	public SendPulseRateLimitException(String message, int statusCode, @Nullable ApiError error, int attempts,
			@Nullable Duration retryAfter) {
		super(message, requireStatus(statusCode, statusCode == 429 || statusCode == 0, "429 or 0"), error, attempts,
				statusCode != 0, null);
		this.retryAfter = retryAfter;
	}

	/**
	 * Return how long to wait before trying again: the API's {@code Retry-After}, or,
	 * when the client's limiter refused, the time until a place frees up.
	 * @return the wait, or {@code null} when unknown
	 */
	public @Nullable Duration getRetryAfter() {
		return this.retryAfter;
	}

}
