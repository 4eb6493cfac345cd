package io.sendpulse.spring.test;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Scripted faults: the next calls to the sandbox fail as a proxy or an overloaded API
 * would, before the API key, the rate limit or the {@code Idempotency-Key} are looked at.
 * <p>
 * <pre class="code">
 * sandbox.faults().nextCalls(2).respondWith(503);
 * sandbox.faults().nextCalls(1).respondWith(429, Duration.ofSeconds(1));
 * sandbox.faults().nextCalls(1).delay(Duration.ofSeconds(3));
 * sandbox.faults().nextCalls(1).resetConnection();
 * </pre>
 * <p>
 * Faults queue up in the order they were scripted. Thread-safe.
 */
public final class SandboxFaults {

	private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();

	SandboxFaults() {
	}

	/**
	 * Script a fault for the next calls.
	 * @param calls how many calls it applies to, at least one
	 * @return the fault to choose
	 */
	public Next nextCalls(int calls) {
		Assert.isTrue(calls > 0, "calls must be positive");
		return new Next(calls);
	}

	/**
	 * Drop every fault scripted and not yet used.
	 */
	public void clear() {
		this.faults.clear();
	}

	/**
	 * Return how many calls scripted faults still apply to.
	 * @return the number of calls
	 */
	public int pending() {
		int pending = 0;
		for (Fault fault : this.faults) {
			pending += Math.max(fault.remaining.get(), 0);
		}
		return pending;
	}

	// Cheap when nothing is scripted: one isEmpty() on the request path.
	@Nullable Fault take() {
		while (!this.faults.isEmpty()) {
			Fault fault = this.faults.peek();
			if (fault == null) {
				return null;
			}
			int left = fault.remaining.getAndDecrement();
			if (left <= 1) {
				this.faults.remove(fault);
			}
			if (left >= 1) {
				return fault;
			}
		}
		return null;
	}

	/**
	 * What the next calls do.
	 */
	public final class Next {

		private final int calls;

		private Next(int calls) {
			this.calls = calls;
		}

		/**
		 * Answer with a status and the API's error body.
		 * @param status the HTTP status, such as {@code 500} or {@code 503}
		 */
		public void respondWith(int status) {
			Assert.isTrue(status >= 100 && status <= 599, "status must be an HTTP status");
			add(new Fault(Kind.RESPOND, status, null, null, this.calls));
		}

		/**
		 * Answer with a status and a {@code Retry-After} header, as a rate limit does.
		 * @param status the HTTP status, usually {@code 429} or {@code 503}
		 * @param retryAfter the wait to announce, in whole seconds
		 */
		public void respondWith(int status, Duration retryAfter) {
			Assert.isTrue(status >= 100 && status <= 599, "status must be an HTTP status");
			add(new Fault(Kind.RESPOND, status, retryAfter, null, this.calls));
		}

		/**
		 * Answer normally, but only after a delay: for read timeouts.
		 * @param delay how long to wait before handling the call
		 */
		public void delay(Duration delay) {
			add(new Fault(Kind.DELAY, 0, null, delay, this.calls));
		}

		/**
		 * Reset the connection without answering.
		 */
		public void resetConnection() {
			add(new Fault(Kind.RESET, 0, null, null, this.calls));
		}

		private void add(Fault fault) {
			SandboxFaults.this.faults.add(fault);
		}

	}

	enum Kind {

		RESPOND, DELAY, RESET

	}

	static final class Fault {

		final Kind kind;

		final int status;

		final @Nullable Duration retryAfter;

		final @Nullable Duration delay;

		final AtomicInteger remaining;

		Fault(Kind kind, int status, @Nullable Duration retryAfter, @Nullable Duration delay, int calls) {
			this.kind = kind;
			this.status = status;
			this.retryAfter = retryAfter;
			this.delay = delay;
			this.remaining = new AtomicInteger(calls);
		}

	}

}
