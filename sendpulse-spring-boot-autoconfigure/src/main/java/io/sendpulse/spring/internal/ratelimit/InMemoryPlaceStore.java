package io.sendpulse.spring.internal.ratelimit;

import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The places of one JVM: a count of places held (in flight or in their hold after a
 * release) and, for released places, their hold-until times in the order they were
 * released. Taking a place while fewer than the limit are held is one compare-and-set,
 * and releasing one is one append: callers and event loops never wait on a lock for each
 * other (a single lock, taken by one thread at a time and only when a hold has ended,
 * frees up places whose hold ended). It holds no more than the limit's worth of times.
 * <p>
 * Holds end in the order they were released. The limiter releases with one hold (its
 * period), so that order is the order of their ends; a shorter hold released after a
 * longer one would end with it, later than asked, never sooner.
 */
public final class InMemoryPlaceStore implements PlaceStore {

	/** What {@link #takeNow(int, boolean)} answers when every place is held. */
	static final long FULL = 0;

	private final LongSupplier nanoClock;

	/** Places taken and not yet freed: in flight, or released and in their hold. */
	private final AtomicInteger held = new AtomicInteger();

	/** Hold-until times of released places, in the order of their release. */
	private final Queue<Long> holds = new ConcurrentLinkedQueue<>();

	/** Taken by whoever frees places whose hold ended; nobody waits for it on a take. */
	private final ReentrantLock expiring = new ReentrantLock();

	private final AtomicLong lastPlace = new AtomicLong();

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
		return Mono.fromSupplier(() -> {
			long place = takeNow(limit, true);
			return (place != FULL) ? Take.taken(place) : Take.full(earliestFree());
		});
	}

	@Override
	public Mono<Void> release(long place, Duration holdFor) {
		return Mono.fromRunnable(() -> releaseNow(holdFor));
	}

	@Override
	public int held() {
		expire(this.nanoClock.getAsLong(), true);
		return this.held.get();
	}

	/**
	 * Take a place if fewer than {@code limit} are held.
	 * @param limit the most places held at once
	 * @param sure whether to wait for a thread that is freeing places before answering
	 * {@link #FULL}; without, a hold that has just ended may still count
	 * @return the place, or {@link #FULL}
	 */
	long takeNow(int limit, boolean sure) {
		long now = this.nanoClock.getAsLong();
		// Free what is due on the way, unless another thread is doing it right now.
		expire(now, false);
		for (;;) {
			int held = this.held.get();
			if (held >= limit) {
				if (!sure) {
					return FULL;
				}
				// Full as far as this thread can see: make sure, waiting for the lock
				// this time, that no hold that has ended still counts.
				expire(now, true);
				if (this.held.get() < limit) {
					continue;
				}
				return FULL;
			}
			if (this.held.compareAndSet(held, held + 1)) {
				return this.lastPlace.incrementAndGet();
			}
		}
	}

	/**
	 * When the earliest place frees up: a place in flight frees up no sooner than one
	 * period after its response, so the earliest is the end of the earliest hold.
	 * @return the wait, or {@code null} when every place is in flight
	 */
	private @Nullable Duration earliestFree() {
		Long earliest = this.holds.peek();
		return (earliest != null) ? Duration.ofNanos(Math.max(earliest - this.nanoClock.getAsLong(), 0)) : null;
	}

	void releaseNow(Duration holdFor) {
		if (holdFor.isZero() || holdFor.isNegative()) {
			this.held.decrementAndGet();
			return;
		}
		// Still held: the count stays until the hold ends.
		this.holds.offer(this.nanoClock.getAsLong() + holdFor.toNanos());
	}

	/**
	 * Free the places whose hold has ended by {@code now}.
	 * @param wait whether to wait for another thread that is freeing places, so that
	 * every hold that ended by {@code now} is freed on return
	 */
	private void expire(long now, boolean wait) {
		Long earliest = this.holds.peek();
		if (earliest == null || earliest - now > 0) {
			// Nothing due, or the thread with the lock has freed it all already: it
			// counts a place free before it drops its time.
			return;
		}
		if (wait) {
			this.expiring.lock();
		}
		else if (!this.expiring.tryLock()) {
			return;
		}
		try {
			// Only the holder of the lock removes: what it peeks is what it polls.
			for (Long head = this.holds.peek(); head != null && head - now <= 0; head = this.holds.peek()) {
				this.held.decrementAndGet();
				this.holds.poll();
			}
		}
		finally {
			this.expiring.unlock();
		}
	}

}
