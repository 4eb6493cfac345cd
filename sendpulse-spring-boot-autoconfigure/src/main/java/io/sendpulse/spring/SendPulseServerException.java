package io.sendpulse.spring;

import org.jspecify.annotations.Nullable;

/**
 * Raised when SendPulse answers 5xx: SendPulse, or a proxy in front of it, failed. 502,
 * 503 and 504 are retryable; a 500 is retryable for a lookup ({@code GET}) only, since
 * the API may have acted on a {@code POST} before failing.
 */
public class SendPulseServerException extends SendPulseException {

	/**
	 * Create an exception.
	 * @param message what failed, without secrets
	 * @param statusCode the HTTP status, 500 to 599
	 * @param error the error the API wrote in the body, if it wrote one
	 * @param attempts how many attempts were made
	 * @param retryable whether the failed call may safely be sent again
	 * @throws IllegalArgumentException if the status is not a 5xx one
	 */
	public SendPulseServerException(String message, int statusCode, @Nullable ApiError error, int attempts,
			boolean retryable) {
		super(message, requireStatus(statusCode, statusCode >= 500 && statusCode <= 599, "a 5xx status"), error,
				attempts, retryable, null);
	}

}
