package io.sendpulse.spring.internal.ratelimit;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A caller found no place within the limiter's timeout; nothing was sent.
 */
public final class NoPlaceException extends RuntimeException {

	private final @Nullable Duration freesIn;

	/**
	 * Create an exception.
	 * @param message what happened
	 * @param freesIn how long until a place frees up, when known
	 * @param cause the store's failure, when it failed
	 */
	public NoPlaceException(String message, @Nullable Duration freesIn, @Nullable Throwable cause) {
		super(message, cause, false, false);
		this.freesIn = freesIn;
	}

	/**
	 * Return how long until a place frees up (at the earliest), when known.
	 * @return the wait, or {@code null}
	 */
	public @Nullable Duration getFreesIn() {
		return this.freesIn;
	}

}
