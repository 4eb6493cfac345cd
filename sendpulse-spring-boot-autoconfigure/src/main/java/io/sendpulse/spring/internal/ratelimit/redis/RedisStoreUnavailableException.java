package io.sendpulse.spring.internal.ratelimit.redis;

import org.jspecify.annotations.Nullable;

/**
 * Redis did not answer a command of the rate-limit store in time, or answered with an
 * error: nothing may be sent on its word.
 */
public final class RedisStoreUnavailableException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message what failed
	 * @param cause Redis's or the connection's failure, when there is one
	 */
	public RedisStoreUnavailableException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	/**
	 * The message alone: the limiter puts this into the refusal the caller sees, which
	 * should read as a sentence, not as a class name.
	 */
	@Override
	public String toString() {
		return String.valueOf(getMessage());
	}

}
