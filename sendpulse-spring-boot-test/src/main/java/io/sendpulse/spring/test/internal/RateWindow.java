package io.sendpulse.spring.test.internal;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A fixed one-second window of wall-clock time holding at most {@code limit} calls: one
 * CAS per call, no lock. The window index sits in the upper bits of one {@code long}, the
 * count in the lower 24.
 */
final class RateWindow {

	private static final int COUNT_BITS = 24;

	private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

	private final int limit;

	private final long startNanos = System.nanoTime();

	private final AtomicLong state = new AtomicLong();

	RateWindow(int limit) {
		this.limit = Math.min(limit, (int) COUNT_MASK);
	}

	/**
	 * Forget the calls of the current window: the next one starts a window of its own.
	 */
	void clear() {
		this.state.set(0);
	}

	/**
	 * Take a permit.
	 * @return whether the call is within the rate; always {@code true} without a limit
	 */
	boolean tryAcquire() {
		if (this.limit <= 0) {
			return true;
		}
		long window = (System.nanoTime() - this.startNanos) / 1_000_000_000L;
		while (true) {
			long current = this.state.get();
			long currentWindow = current >>> COUNT_BITS;
			long count = current & COUNT_MASK;
			long next;
			// A thread that read the time late counts in the newer window.
			if (currentWindow < window) {
				next = (window << COUNT_BITS) | 1;
			}
			else if (count >= this.limit) {
				return false;
			}
			else {
				next = current + 1;
			}
			if (this.state.compareAndSet(current, next)) {
				return true;
			}
		}
	}

}
