package io.sendpulse.spring;

import org.jspecify.annotations.Nullable;

/**
 * Raised when SendPulse answers 400: the request was invalid (the API's `param` names the
 * field).
 */
public class SendPulseBadRequestException extends SendPulseException {

	/**
	 * Create an exception.
	 * @param message what failed, without secrets
	 * @param statusCode the HTTP status
	 * @param error the error the API wrote in the body, if it wrote one
	 * @param attempts how many attempts were made
	 * @param retryable whether the failed call may safely be retried
	 */
	public SendPulseBadRequestException(String message, int statusCode, @Nullable ApiError error, int attempts,
			boolean retryable) {
		super(message, statusCode, error, attempts, retryable, null);
	}

}
