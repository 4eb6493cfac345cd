package io.sendpulse.spring;

import org.jspecify.annotations.Nullable;

/**
 * Raised when SendPulse answers 400: the request was invalid (the API's {@code param}
 * names the field). Its status is always 400, and it is never retryable.
 */
public class SendPulseBadRequestException extends SendPulseException {

	/**
	 * Create an exception.
	 * @param message what failed, without secrets
	 * @param error the error the API wrote in the body, if it wrote one
	 * @param attempts how many attempts were made
	 */
	public SendPulseBadRequestException(String message, @Nullable ApiError error, int attempts) {
		super(message, 400, error, attempts, false, null);
	}

}
