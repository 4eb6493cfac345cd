package io.sendpulse.spring.test;

import java.time.Duration;

import io.sendpulse.spring.test.internal.FaultQueue;

import org.springframework.util.Assert;

/**
 * Scripted faults: the next calls to the sandbox fail as a proxy or an overloaded API
 * would, before the API key, the rate limit or the {@code Idempotency-Key} are looked at;
 * or, worst of all, are handled in full and then lose their answer.
 * <p>
 * <pre class="code">
 * sandbox.faults().nextCalls(2).respondWith(503);
 * sandbox.faults().nextCalls(1).respondWith(429, Duration.ofSeconds(1));
 * sandbox.faults().nextCalls(1).delay(Duration.ofSeconds(3));
 * sandbox.faults().nextCalls(1).resetConnection();
 * sandbox.faults().nextCalls(1).processThenResetConnection();
 * </pre>
 * <p>
 * Faults queue up in the order they were scripted. Thread-safe.
 */
public final class SandboxFaults {

	private final FaultQueue faults;

	SandboxFaults(FaultQueue faults) {
		this.faults = faults;
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
		return this.faults.pending();
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
			SandboxFaults.this.faults.respond(this.calls, status, null);
		}

		/**
		 * Answer with a status and a {@code Retry-After} header, as a rate limit does.
		 * @param status the HTTP status, usually {@code 429} or {@code 503}
		 * @param retryAfter the wait to announce, in whole seconds
		 */
		public void respondWith(int status, Duration retryAfter) {
			Assert.isTrue(status >= 100 && status <= 599, "status must be an HTTP status");
			SandboxFaults.this.faults.respond(this.calls, status, retryAfter);
		}

		/**
		 * Handle the call as it arrives (an SMS is sent), but answer only after a delay,
		 * as a slow API does: for read timeouts. A client that gives up first cannot know
		 * the API acted; its retry with the same {@code Idempotency-Key} gets the stored
		 * answer and sends nothing new, while a new call (a new key) sends again.
		 * @param delay how long to wait before answering
		 */
		public void delay(Duration delay) {
			SandboxFaults.this.faults.delay(this.calls, delay);
		}

		/**
		 * Reset the connection without answering, before the call is handled: nothing is
		 * sent.
		 */
		public void resetConnection() {
			SandboxFaults.this.faults.reset(this.calls);
		}

		/**
		 * Handle the call in full (the API key, rate limit, balance and
		 * {@code Idempotency-Key} apply: an SMS is sent, its answer stored under the
		 * key), then reset the connection instead of answering: the worst case for a
		 * client, which cannot know the API acted. A retry with the same
		 * {@code Idempotency-Key} gets the stored answer and sends nothing new.
		 */
		public void processThenResetConnection() {
			SandboxFaults.this.faults.processThenReset(this.calls);
		}

	}

}
