package io.sendpulse.spring.internal.client;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

/**
 * The template calls of one application that have started and not ended (waiting for a
 * rate-limit place, sending, retrying), so that the application closes only once they
 * have: a reactive send subscribed from a task, or a bulk send half done, would otherwise
 * end with the JVM, silently.
 */
public final class CallsInFlight {

	private final AtomicInteger count = new AtomicInteger();

	private final AtomicReference<@Nullable Runnable> whenNone = new AtomicReference<>();

	/**
	 * Count a call that starts.
	 * @return what to tell when it ends, as often as it may be told
	 */
	Call started() {
		this.count.incrementAndGet();
		return new Call();
	}

	private void ended() {
		if (this.count.decrementAndGet() == 0) {
			runWhenNone();
		}
	}

	/**
	 * Return how many calls are in flight.
	 * @return the count
	 */
	public int count() {
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

	/**
	 * One call in flight. It ends once, before its outcome reaches the caller (so that a
	 * caller that got its answer and closes the application does not find it still in
	 * flight), or when the caller cancels it.
	 */
	final class Call {

		private final AtomicBoolean ended = new AtomicBoolean();

		void end() {
			if (this.ended.compareAndSet(false, true)) {
				ended();
			}
		}

	}

}
