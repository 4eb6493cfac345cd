package io.sendpulse.spring.internal.client;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The template calls of one application that have started and not ended (waiting for a
 * rate-limit place, sending, retrying), so that the application closes only once they
 * have: a reactive send subscribed from a task, or a bulk send half done, would otherwise
 * end with the JVM, silently. Counted exactly: a call that starts while the close waits
 * is waited for too.
 */
public final class CallsInFlight {

	private final AtomicLong count = new AtomicLong();

	private final AtomicReference<@Nullable Runnable> whenNone = new AtomicReference<>();

	void started() {
		this.count.incrementAndGet();
	}

	void ended() {
		if (this.count.decrementAndGet() == 0 && this.whenNone.get() != null) {
			runWhenNone();
		}
	}

	/**
	 * Return how many calls are in flight.
	 * @return the count
	 */
	public long count() {
		return this.count.get();
	}

	/**
	 * Run a callback once no call is in flight: at once if none is, else when the last
	 * one ends. Once.
	 * @param callback what to run
	 */
	public void whenNone(Runnable callback) {
		this.whenNone.set(callback);
		if (this.count.get() == 0) {
			runWhenNone();
		}
	}

	private void runWhenNone() {
		Runnable callback = this.whenNone.getAndSet(null);
		if (callback != null) {
			callback.run();
		}
	}

}
