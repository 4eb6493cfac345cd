package io.sendpulse.spring;

import org.jspecify.annotations.Nullable;

/**
 * Root of the exceptions the SendPulse templates raise when a call fails. Unchecked; a
 * subclass names the kind of failure. Messages never contain the API key or a full phone
 * number.
 */
public class SendPulseException extends RuntimeException {

	private final int statusCode;

	private final @Nullable ApiError error;

	private final int attempts;

	private final boolean retryable;

	/**
	 * Create an exception.
	 * @param message what failed, without secrets
	 * @param statusCode the HTTP status the API answered, or {@code 0} when no response
	 * came
	 * @param error the error the API wrote in the body, if it wrote one
	 * @param attempts how many attempts were made, retries included
	 * @param retryable whether the failed call may safely be retried
	 * @param cause the underlying failure, if any
	 */
	public SendPulseException(String message, int statusCode, @Nullable ApiError error, int attempts, boolean retryable,
			@Nullable Throwable cause) {
		super(message, cause);
		this.statusCode = statusCode;
		this.error = error;
		this.attempts = attempts;
		this.retryable = retryable;
	}

	/**
	 * Check that a subclass is built with a status of its kind.
	 * @param status the status given
	 * @param fits whether it fits
	 * @param expected the statuses that fit, for the message
	 * @return the status
	 */
	static int requireStatus(int status, boolean fits, String expected) {
		if (!fits) {
			throw new IllegalArgumentException("statusCode must be " + expected + ", not " + status);
		}
		return status;
	}

	/**
	 * Return the HTTP status the API answered.
	 * @return the status code, or {@code 0} when no response came (connection failure,
	 * timeout, client-side rate limit)
	 */
	public int getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Return the error the API wrote in the response body.
	 * @return the error, or {@code null} when the body held none (empty, HTML, truncated)
	 */
	public @Nullable ApiError getError() {
		return this.error;
	}

	/**
	 * Return the API's error code, for example {@code invalid_parameter}.
	 * @return the code, or {@code null}
	 */
	public @Nullable String getErrorCode() {
		return (this.error != null) ? this.error.code() : null;
	}

	/**
	 * Return how many requests were sent before this failure surfaced, retries included.
	 * @return the number of attempts; {@code 0} when the client-side rate limiter refused
	 * before anything was sent
	 */
	public int getAttempts() {
		return this.attempts;
	}

	/**
	 * Return whether the call that failed may be retried without risk of acting twice, by
	 * the rules of the API: a 500 answer to a POST may not (the message may have gone
	 * out), a 503 or a connection failure may.
	 * @return whether a retry is safe and may succeed
	 */
	public boolean isRetryable() {
		return this.retryable;
	}

}
