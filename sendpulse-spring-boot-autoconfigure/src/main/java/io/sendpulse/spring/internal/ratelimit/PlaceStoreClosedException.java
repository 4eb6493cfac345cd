package io.sendpulse.spring.internal.ratelimit;

/**
 * A {@link PlaceStore} that can take no place any more, however long a caller waits: its
 * connection was closed with the application (Spring stops Spring Data Redis's connection
 * factory before it runs destroy methods). The limiter then refuses its waiting callers
 * at once rather than when their time is up.
 */
public final class PlaceStoreClosedException extends RuntimeException {

	/**
	 * Create an exception.
	 * @param message what can no longer be used, and why
	 */
	public PlaceStoreClosedException(String message) {
		super(message);
	}

}
