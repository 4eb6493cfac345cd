package io.sendpulse.spring.internal.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The in-memory store under callers that race for places: never more than the limit held,
 * a hold never ends early, no place lost.
 */
class InMemoryPlaceStoreTests {

	private static final Duration PERIOD = Duration.ofSeconds(1);

	private final AtomicLong clock = new AtomicLong();

	private final InMemoryPlaceStore store = new InMemoryPlaceStore(this.clock::get);

	@Test
	void racingCallersNeverHoldMoreThanTheLimitAndLoseNoPlace() throws Exception {
		int limit = 8;
		AtomicInteger inFlight = new AtomicInteger();
		AtomicInteger mostInFlight = new AtomicInteger();
		AtomicInteger mostHeld = new AtomicInteger();
		AtomicInteger taken = new AtomicInteger();
		ExecutorService threads = Executors.newFixedThreadPool(16);
		CountDownLatch start = new CountDownLatch(1);
		try {
			List<Future<?>> callers = new ArrayList<>();
			for (int t = 0; t < 16; t++) {
				int caller = t;
				callers.add(threads.submit(() -> {
					start.await();
					for (int i = 0; i < 20_000; i++) {
						long place = this.store.takeNow(limit, (i % 2) == 0);
						if (place == InMemoryPlaceStore.FULL) {
							continue;
						}
						taken.incrementAndGet();
						mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
						mostHeld.accumulateAndGet(this.store.held(), Math::max);
						inFlight.decrementAndGet();
						// Half never sent (freed at once), half held one period; the
						// clock moves on as they go, so that holds end while others take.
						boolean sent = ((caller + i) % 2) == 0;
						this.store.releaseNow(sent ? PERIOD : Duration.ZERO);
						this.clock.addAndGet(TimeUnit.MICROSECONDS.toNanos(50));
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> caller : callers) {
				caller.get(1, TimeUnit.MINUTES);
			}
		}
		finally {
			threads.shutdownNow();
		}

		assertThat(mostInFlight.get()).isLessThanOrEqualTo(limit);
		assertThat(mostHeld.get()).isLessThanOrEqualTo(limit);
		assertThat(taken.get()).isPositive();
		// Once the last hold has ended, every place is free again.
		this.clock.addAndGet(PERIOD.toNanos());
		assertThat(this.store.held()).isZero();
		for (int i = 0; i < limit; i++) {
			assertThat(this.store.take(limit).block().taken()).isTrue();
		}
		assertThat(this.store.take(limit).block().taken()).isFalse();
	}

	@Test
	void aHoldEndsOnePeriodAfterItsReleaseNotSooner() {
		long place = this.store.takeNow(1, true);
		assertThat(place).isNotEqualTo(InMemoryPlaceStore.FULL);
		this.clock.addAndGet(Duration.ofMillis(300).toNanos());
		this.store.release(place, PERIOD).block();

		this.clock.addAndGet(PERIOD.toNanos() - 1);
		PlaceStore.Take full = this.store.take(1).block();
		assertThat(full.taken()).isFalse();
		assertThat(full.freesIn()).isEqualTo(Duration.ofNanos(1));
		assertThat(this.store.takeNow(1, false)).isEqualTo(InMemoryPlaceStore.FULL);

		this.clock.incrementAndGet();
		assertThat(this.store.takeNow(1, false)).isNotEqualTo(InMemoryPlaceStore.FULL);
	}

	@Test
	void aPlaceInFlightSaysNothingOfWhenItFreesUp() {
		this.store.takeNow(1, true);

		PlaceStore.Take full = this.store.take(1).block();

		assertThat(full.taken()).isFalse();
		assertThat(full.freesIn()).isNull();
	}

	@Test
	void aPlaceNeverSentFreesUpAtOnce() {
		long place = this.store.takeNow(1, true);
		this.store.release(place, Duration.ZERO).block();

		assertThat(this.store.held()).isZero();
		assertThat(this.store.take(1).block().taken()).isTrue();
	}

}
