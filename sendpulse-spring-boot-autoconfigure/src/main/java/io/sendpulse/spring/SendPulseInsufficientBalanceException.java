package io.sendpulse.spring;

import org.jspecify.annotations.Nullable;

/**
 * Raised when SendPulse answers 402: the account's balance does not cover the request.
 * Its status is always 402, and it is never retryable.
 */
public class SendPulseInsufficientBalanceException extends SendPulseException {

	/**
	 * Create an exception.
	 * @param message what failed, without secrets
	 * @param error the error the API wrote in the body, if it wrote one
	 * @param attempts how many attempts were made
	 */
	public SendPulseInsufficientBalanceException(String message, @Nullable ApiError error, int attempts) {
		super(message, 402, error, attempts, false, null);
	}

}
