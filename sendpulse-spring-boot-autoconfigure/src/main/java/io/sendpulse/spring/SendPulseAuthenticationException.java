package io.sendpulse.spring;

import org.jspecify.annotations.Nullable;

/**
 * Raised when SendPulse answers 401 (the API key is missing, invalid or revoked) or 403
 * (the key is valid but may not do this, for example a key without voice access). Never
 * retryable: the same key gets the same answer.
 */
public class SendPulseAuthenticationException extends SendPulseException {

	/**
	 * Create an exception.
	 * @param message what failed, without secrets
	 * @param statusCode the HTTP status, 401 or 403
	 * @param error the error the API wrote in the body, if it wrote one
	 * @param attempts how many attempts were made
	 * @throws IllegalArgumentException if the status is neither 401 nor 403
	 */
	public SendPulseAuthenticationException(String message, int statusCode, @Nullable ApiError error, int attempts) {
		super(message, requireStatus(statusCode, statusCode == 401 || statusCode == 403, "401 or 403"), error, attempts,
				false, null);
	}

}
