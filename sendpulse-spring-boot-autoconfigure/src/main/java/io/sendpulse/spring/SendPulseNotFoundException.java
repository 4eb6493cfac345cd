package io.sendpulse.spring;

import org.jspecify.annotations.Nullable;

/**
 * Raised when SendPulse answers 404: the message, call or verification does not exist.
 * Its status is always 404, and it is never retryable.
 */
public class SendPulseNotFoundException extends SendPulseException {

	/**
	 * Create an exception.
	 * @param message what failed, without secrets
	 * @param error the error the API wrote in the body, if it wrote one
	 * @param attempts how many attempts were made
	 */
	public SendPulseNotFoundException(String message, @Nullable ApiError error, int attempts) {
		super(message, 404, error, attempts, false, null);
	}

}
