package io.sendpulse.spring.test.internal;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * The faults scripted through {@code SandboxFaults}, in the order they were scripted,
 * each for a number of calls; the {@link SandboxServer} takes one per call. Cheap when
 * nothing is scripted: one {@code isEmpty()} on the request path. Thread-safe.
 */
public final class FaultQueue {

	private final ConcurrentLinkedQueue<Fault> faults = new ConcurrentLinkedQueue<>();

	/**
	 * Answer the next calls with a status and the API's error body, before they are
	 * handled.
	 * @param calls how many calls
	 * @param status the HTTP status
	 * @param retryAfter the {@code Retry-After} to send, if any
	 */
	public void respond(int calls, int status, @Nullable Duration retryAfter) {
		this.faults.add(new Fault(Kind.RESPOND, status, retryAfter, null, calls));
	}

	/**
	 * Handle the next calls only after a delay.
	 * @param calls how many calls
	 * @param delay the delay
	 */
	public void delay(int calls, Duration delay) {
		this.faults.add(new Fault(Kind.DELAY, 0, null, delay, calls));
	}

	/**
	 * Reset the connection of the next calls before they are handled.
	 * @param calls how many calls
	 */
	public void reset(int calls) {
		this.faults.add(new Fault(Kind.RESET, 0, null, null, calls));
	}

	/**
	 * Handle the next calls in full, then reset their connection instead of answering.
	 * @param calls how many calls
	 */
	public void processThenReset(int calls) {
		this.faults.add(new Fault(Kind.PROCESS_THEN_RESET, 0, null, null, calls));
	}

	/**
	 * Drop every fault not yet used.
	 */
	public void clear() {
		this.faults.clear();
	}

	/**
	 * Return how many calls the faults still apply to.
	 * @return the number of calls
	 */
	public int pending() {
		int pending = 0;
		for (Fault fault : this.faults) {
			pending += Math.max(fault.remaining.get(), 0);
		}
		return pending;
	}

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

	enum Kind {

		RESPOND, DELAY, RESET, PROCESS_THEN_RESET

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
