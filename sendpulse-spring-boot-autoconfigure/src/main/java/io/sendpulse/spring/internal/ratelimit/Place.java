package io.sendpulse.spring.internal.ratelimit;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

import org.jspecify.annotations.Nullable;

/**
 * A place under the limit, held by one request. Release it exactly when the request is
 * over; releasing twice does nothing.
 */
public final class Place {

	/** The place of a limiter that has no release (a plain Resilience4j one). */
	public static final Place NONE = new Place(null, 0);

	private final @Nullable SlidingWindowRateLimiter limiter;

	private final long id;

	private static final AtomicIntegerFieldUpdater<Place> RELEASED = AtomicIntegerFieldUpdater.newUpdater(Place.class,
			"released");

	/**
	 * 1 once released or given back; a field, not an AtomicBoolean: one object less a
	 * request.
	 */
	private volatile int released;

	Place(@Nullable SlidingWindowRateLimiter limiter, long id) {
		this.limiter = limiter;
		this.id = id;
	}

	/**
	 * The request got its response or failed, or was cancelled after it may have been
	 * sent: the place stays held for one more period, so that every request that reached
	 * the API inside one window still counts.
	 */
	public void release() {
		if (this.limiter != null && RELEASED.compareAndSet(this, 0, 1)) {
			this.limiter.release(this.id, true);
		}
	}

	/**
	 * The request was never sent: the place frees up at once.
	 */
	public void giveBack() {
		if (this.limiter != null && RELEASED.compareAndSet(this, 0, 1)) {
			this.limiter.release(this.id, false);
		}
	}

}
