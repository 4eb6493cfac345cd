package io.sendpulse.spring.internal.ratelimit;

import java.time.Duration;
import java.util.function.LongSupplier;

import reactor.core.publisher.Mono;

/**
 * The places of one JVM: a count of requests in flight and, for released places, their
 * hold-until times in order, so that taking a place is a few comparisons under one lock.
 * It holds no more than the limit's worth of times.
 */
public final class InMemoryPlaceStore implements PlaceStore {

	private final LongSupplier nanoClock;

	private int inFlight;

	/** Hold-until times of released places, ascending, in a ring. */
	private long[] holds = new long[16];

	private int first;

	private int size;

	private long lastPlace;

	/**
	 * Create a store on {@link System#nanoTime()}.
	 */
	public InMemoryPlaceStore() {
		this(System::nanoTime);
	}

	/**
	 * Create a store on the given clock.
	 * @param nanoClock a monotonic clock in nanoseconds
	 */
	public InMemoryPlaceStore(LongSupplier nanoClock) {
		this.nanoClock = nanoClock;
	}

	@Override
	public Mono<Take> take(int limit) {
		return Mono.fromSupplier(() -> takeNow(limit));
	}

	@Override
	public Mono<Void> release(long place, Duration holdFor) {
		return Mono.fromRunnable(() -> releaseNow(holdFor));
	}

	@Override
	public synchronized int held() {
		expire(this.nanoClock.getAsLong());
		return this.inFlight + this.size;
	}

	synchronized Take takeNow(int limit) {
		long now = this.nanoClock.getAsLong();
		expire(now);
		if (this.inFlight + this.size < limit) {
			this.inFlight++;
			return Take.taken(++this.lastPlace);
		}
		// A place in flight frees up no sooner than one period after its response, so
		// the earliest release is the earliest hold.
		return Take.full((this.size > 0) ? Duration.ofNanos(this.holds[this.first] - now) : null);
	}

	synchronized void releaseNow(Duration holdFor) {
		this.inFlight--;
		if (!holdFor.isZero() && !holdFor.isNegative()) {
			insert(this.nanoClock.getAsLong() + holdFor.toNanos());
		}
	}

	private void expire(long now) {
		while (this.size > 0 && this.holds[this.first] - now <= 0) {
			this.first = (this.first + 1) % this.holds.length;
			this.size--;
		}
	}

	/** Holds mostly arrive in order: walk back from the end to keep the ring sorted. */
	private void insert(long holdUntil) {
		if (this.size == this.holds.length) {
			long[] grown = new long[this.holds.length * 2];
			for (int i = 0; i < this.size; i++) {
				grown[i] = this.holds[(this.first + i) % this.holds.length];
			}
			this.holds = grown;
			this.first = 0;
		}
		int length = this.holds.length;
		int i = this.size;
		while (i > 0 && this.holds[(this.first + i - 1) % length] - holdUntil > 0) {
			this.holds[(this.first + i) % length] = this.holds[(this.first + i - 1) % length];
			i--;
		}
		this.holds[(this.first + i) % length] = holdUntil;
		this.size++;
	}

}
