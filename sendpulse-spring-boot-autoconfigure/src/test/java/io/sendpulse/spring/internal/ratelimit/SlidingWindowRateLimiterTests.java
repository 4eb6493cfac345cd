package io.sendpulse.spring.internal.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.event.RateLimiterEvent;
import io.sendpulse.spring.Arrivals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The algorithm on a clock the tests move: places held from the moment they are given
 * until one period after their release, callers served in order, without a thread.
 */
class SlidingWindowRateLimiterTests {

	private static final Duration PERIOD = Duration.ofSeconds(1);

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	@Test
	void letsUpToTheLimitGoAtOnce() {
		SlidingWindowRateLimiter limiter = limiter(3, Duration.ZERO);

		List<Place> places = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			places.add(granted(limiter));
		}

		assertThat(places).hasSize(3);
		assertThat(limiter.getMetrics().getAvailablePermissions()).isZero();
		NoPlaceException refusal = refused(limiter);
		// All three are in flight: none frees up before one period after a response.
		assertThat(refusal.getFreesIn()).isEqualTo(PERIOD);
	}

	@Test
	void holdsAPlaceUntilOnePeriodAfterItsRelease() {
		SlidingWindowRateLimiter limiter = limiter(1, Duration.ofSeconds(10));
		Place first = granted(limiter);
		advance(300);
		AtomicReference<Place> second = new AtomicReference<>();
		limiter.acquire().subscribe(second::set);
		advance(200);
		first.release();

		advance(999);
		assertThat(second).hasNullValue();
		assertThat(limiter.getMetrics().getNumberOfWaitingThreads()).isOne();
		advance(1);
		assertThat(second).doesNotHaveNullValue();
		assertThat(limiter.getMetrics().getNumberOfWaitingThreads()).isZero();
	}

	@Test
	void aPlaceInFlightNeverFreesUpBeforeItIsReleased() {
		SlidingWindowRateLimiter limiter = limiter(1, Duration.ofSeconds(5));
		granted(limiter);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		limiter.acquire().subscribe(null, failure::set);

		advance(4999);
		assertThat(failure).hasNullValue();
		advance(1);
		assertThat(failure.get()).isInstanceOfSatisfying(NoPlaceException.class,
				(ex) -> assertThat(ex.getFreesIn()).isEqualTo(PERIOD));
	}

	@Test
	void aRefusalSaysWhenAPlaceFreesUp() {
		SlidingWindowRateLimiter limiter = limiter(1, Duration.ofMillis(200));
		granted(limiter).release();
		advance(100);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		limiter.acquire().subscribe(null, failure::set);

		advance(199);
		assertThat(failure).hasNullValue();
		advance(1);
		assertThat(failure.get()).isInstanceOfSatisfying(NoPlaceException.class, (ex) -> {
			assertThat(ex.getFreesIn()).isEqualTo(Duration.ofMillis(700));
			assertThat(ex).hasMessageContaining("1 requests per 1000 ms");
		});
	}

	@Test
	void aCancelledCallerTakesNoPlace() {
		SlidingWindowRateLimiter limiter = limiter(1, Duration.ofSeconds(10));
		Place first = granted(limiter);
		Disposable cancelled = limiter.acquire().subscribe();
		AtomicReference<Place> third = new AtomicReference<>();
		limiter.acquire().subscribe(third::set);
		cancelled.dispose();
		assertThat(limiter.getMetrics().getNumberOfWaitingThreads()).isOne();

		first.release();
		advance(1000);

		assertThat(third).doesNotHaveNullValue();
		assertThat(limiter.getMetrics().getAvailablePermissions()).isZero();
		third.get().giveBack();
		assertThat(limiter.getMetrics().getAvailablePermissions()).isOne();
	}

	@Test
	void aPlaceNeverUsedIsGivenBackAtOnce() {
		SlidingWindowRateLimiter limiter = limiter(1, Duration.ofSeconds(10));
		Place first = granted(limiter);
		AtomicReference<Place> second = new AtomicReference<>();
		limiter.acquire().subscribe(second::set);

		first.giveBack();
		first.release();

		assertThat(second).doesNotHaveNullValue();
		assertThat(limiter.getMetrics().getAvailablePermissions()).isZero();
	}

	@Test
	void servesWaitersInTheOrderTheyCame() {
		SlidingWindowRateLimiter limiter = limiter(1, Duration.ofSeconds(10));
		granted(limiter).release();
		List<Integer> order = Collections.synchronizedList(new ArrayList<>());
		for (int i = 0; i < 5; i++) {
			int caller = i;
			limiter.acquire().subscribe((place) -> {
				order.add(caller);
				place.release();
			});
		}

		advance(5000);

		assertThat(order).containsExactly(0, 1, 2, 3, 4);
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2, 5, 20, 200 })
	void noWindowAtTheApiEverHoldsMoreThanTheLimitWhateverTheDelays(int limit) {
		SlidingWindowRateLimiter limiter = limiter(limit, Duration.ofMinutes(10));
		Random random = new Random(limit);
		List<Long> arrivals = Collections.synchronizedList(new ArrayList<>());
		int requests = 4 * limit + 5;
		// Each request travels 0-150 ms to the API (the first 300 ms) and its response
		// 0-150 ms back; callers come in bursts.
		Flux.range(0, requests)
			.flatMap((i) -> Mono.delay(Duration.ofMillis((i / limit) * 37L % 400), this.time)
				.then(limiter.acquire())
				.flatMap((place) -> Mono.delay(Duration.ofMillis((i == 0) ? 300 : random.nextInt(151)), this.time)
					.doOnNext((tick) -> arrivals.add(now()))
					.then(Mono.delay(Duration.ofMillis(random.nextInt(151)), this.time))
					.doFinally((signal) -> place.release())), requests)
			.subscribe();

		advance(Duration.ofMinutes(1).toMillis());

		assertThat(arrivals).hasSize(requests);
		assertThat(Arrivals.busiestWindow(arrivals, PERIOD)).isLessThanOrEqualTo(limit);
	}

	@Test
	void resilience4jsOwnMethodsHoldEachPermitForOnePeriod() {
		SlidingWindowRateLimiter limiter = limiter(2, Duration.ZERO);
		List<RateLimiterEvent.Type> events = Collections.synchronizedList(new ArrayList<>());
		limiter.getEventPublisher().onEvent((event) -> events.add(event.getEventType()));

		assertThat(limiter.acquirePermission()).isTrue();
		assertThat(limiter.reservePermission()).isZero();
		assertThat(limiter.reservePermission()).isEqualTo(-1);
		assertThat(limiter.acquirePermission()).isFalse();
		advance(1000);
		assertThat(limiter.getMetrics().getAvailablePermissions()).isEqualTo(2);
		limiter.drainPermissions();
		assertThat(limiter.getMetrics().getAvailablePermissions()).isZero();
		limiter.changeLimitForPeriod(3);
		assertThat(limiter.getRateLimiterConfig().getLimitForPeriod()).isEqualTo(3);
		assertThat(limiter.reservePermission()).isZero();
		limiter.changeTimeoutDuration(Duration.ofSeconds(2));
		assertThat(limiter.getRateLimiterConfig().getTimeoutDuration()).isEqualTo(Duration.ofSeconds(2));

		assertThat(events).containsExactly(RateLimiterEvent.Type.SUCCESSFUL_ACQUIRE,
				RateLimiterEvent.Type.SUCCESSFUL_ACQUIRE, RateLimiterEvent.Type.FAILED_ACQUIRE,
				RateLimiterEvent.Type.FAILED_ACQUIRE, RateLimiterEvent.Type.DRAINED,
				RateLimiterEvent.Type.SUCCESSFUL_ACQUIRE);
	}

	@Test
	void theStoreKeepsNoMoreTimesThanPlaces() {
		InMemoryPlaceStore store = new InMemoryPlaceStore(this::now);
		for (int i = 0; i < 1000; i++) {
			PlaceStore.Take take = store.take(100).block();
			assertThat(take.taken()).isTrue();
			store.release(take.place(), PERIOD).block();
			advance(10);
		}
		// Released at 9,010 to 9,990 ms: the one released at 9,000 ms freed up at 10,000.
		assertThat(store.held()).isEqualTo(99);
		assertThat(store.take(99).block().freesIn()).isEqualTo(Duration.ofMillis(10));
	}

	@Test
	void aRequestHoldsItsPlaceFromSubscriptionUntilOnePeriodAfterItsAnswer() {
		SlidingWindowRateLimiter limiter = limiter(1, Duration.ZERO);
		Sinks.One<String> answer = Sinks.one();
		AtomicReference<String> result = new AtomicReference<>();
		SlidingWindowRateLimiter.holding(limiter, answer.asMono(), (ex) -> ex).subscribe(result::set);
		assertThat(limiter.getMetrics().getAvailablePermissions()).isZero();
		advance(5000);
		assertThat(limiter.getMetrics().getAvailablePermissions()).as("in flight").isZero();

		answer.tryEmitValue("answer");
		assertThat(result).hasValue("answer");
		advance(999);
		assertThat(limiter.getMetrics().getAvailablePermissions()).isZero();
		advance(1);
		assertThat(limiter.getMetrics().getAvailablePermissions()).isOne();
	}

	@Test
	void aRequestThatFailsOrIsCancelledStillHoldsItsPlaceOnePeriod() {
		SlidingWindowRateLimiter limiter = limiter(2, Duration.ZERO);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		SlidingWindowRateLimiter.holding(limiter, Mono.error(new IllegalStateException("reset")), (ex) -> ex)
			.subscribe(null, failure::set);
		Disposable cancelled = SlidingWindowRateLimiter.holding(limiter, Mono.never(), (ex) -> ex).subscribe();
		cancelled.dispose();

		assertThat(failure.get()).hasMessage("reset");
		assertThat(limiter.getMetrics().getAvailablePermissions()).isZero();
		advance(1000);
		assertThat(limiter.getMetrics().getAvailablePermissions()).isEqualTo(2);
	}

	@Test
	void aRequestWithNoPlaceFreeWaitsItsTurnAndIsRefusedAsTheCallerSays() {
		SlidingWindowRateLimiter limiter = limiter(1, Duration.ofMillis(1500));
		AtomicReference<String> first = new AtomicReference<>();
		SlidingWindowRateLimiter.holding(limiter, Mono.just("first"), (ex) -> ex).subscribe(first::set);
		AtomicReference<String> second = new AtomicReference<>();
		AtomicInteger subscribed = new AtomicInteger();
		SlidingWindowRateLimiter
			.holding(limiter, Mono.fromSupplier(() -> "second").doOnSubscribe((s) -> subscribed.incrementAndGet()),
					(ex) -> ex)
			.subscribe(second::set);
		AtomicReference<Throwable> third = new AtomicReference<>();
		SlidingWindowRateLimiter.holding(limiter, Mono.just("third"), (ex) -> new IllegalStateException("mapped", ex))
			.subscribe(null, third::set);

		assertThat(first).hasValue("first");
		assertThat(subscribed).hasValue(0);
		advance(1000);
		assertThat(second).hasValue("second");
		assertThat(subscribed).hasValue(1);
		advance(500);
		assertThat(third.get()).hasMessage("mapped").hasCauseInstanceOf(NoPlaceException.class);
	}

	@Test
	void aCallerWhoseTimeIsUpWhileTheStoreHasNotAnsweredIsRefusedOnTime() {
		AnswerWhenToldStore slow = new AnswerWhenToldStore();
		Queue<Sinks.One<PlaceStore.Take>> takes = slow.takes;
		List<String> released = slow.released;
		SlidingWindowRateLimiter limiter = limiter(1, Duration.ofMillis(300), slow);
		AtomicReference<Throwable> first = new AtomicReference<>();
		limiter.acquire().subscribe(null, first::set);
		advance(100);
		AtomicReference<Throwable> second = new AtomicReference<>();
		limiter.acquire().subscribe(null, second::set);

		// Its time (300 ms), and the store's round trip of grace (100 ms).
		advance(199);
		assertThat(first).hasNullValue();
		advance(100);
		assertThat(first).hasNullValue();
		advance(1);
		assertThat(first.get()).isInstanceOf(NoPlaceException.class)
			.hasMessageContaining("within 300 ms")
			.hasMessageContaining("the rate-limit store (redis) did not answer in time");
		assertThat(second).hasNullValue();
		advance(100);
		assertThat(second.get()).isInstanceOf(NoPlaceException.class);
		assertThat(limiter.getMetrics().getNumberOfWaitingThreads()).isZero();
		assertThat(takes).hasSize(1);

		// The place the store gives at last, nobody waiting for it any more, is given
		// back, and the next caller is served as usual.
		AtomicReference<Place> third = new AtomicReference<>();
		limiter.acquire().subscribe(third::set);
		takes.poll().tryEmitValue(PlaceStore.Take.taken(1));
		assertThat(released).containsExactly("1 held 0 ms");
		assertThat(takes).hasSize(1);
		takes.poll().tryEmitValue(PlaceStore.Take.taken(2));
		assertThat(third.get()).isNotNull();
		third.get().release();
		assertThat(released).containsExactly("1 held 0 ms", "2 held 1000 ms");
		// No timer of the watch is left to act later.
		advance(3_600_000);
		assertThat(takes).isEmpty();
		assertThat(released).hasSize(2);
	}

	@Test
	void aCallerWhoComesWhileATakeIsUnderWayIsRefusedOnTimeToo() {
		AnswerWhenToldStore slow = new AnswerWhenToldStore();
		SlidingWindowRateLimiter limiter = limiter(1, Duration.ofMillis(300), slow);
		AtomicReference<Throwable> first = new AtomicReference<>();
		limiter.acquire().subscribe(null, first::set);
		advance(400);
		assertThat(first.get()).isInstanceOf(NoPlaceException.class);

		// The take for the first is still under way, and nobody else waited when it was
		// refused.
		advance(50);
		AtomicReference<Throwable> second = new AtomicReference<>();
		limiter.acquire().subscribe(null, second::set);
		advance(399);
		assertThat(second).hasNullValue();
		advance(1);
		assertThat(second.get()).isInstanceOf(NoPlaceException.class)
			.hasMessageContaining("the rate-limit store (redis) did not answer in time");
		assertThat(limiter.getMetrics().getNumberOfWaitingThreads()).isZero();
		assertThat(slow.takes).hasSize(1);
	}

	@Test
	void aPlainResilience4jLimiterGivesItsPermitToTheRequest() {
		RateLimiter plain = RateLimiter.of("plain",
				RateLimiterConfig.custom()
					.limitForPeriod(1)
					.limitRefreshPeriod(Duration.ofMinutes(1))
					.timeoutDuration(Duration.ZERO)
					.build());

		assertThat(SlidingWindowRateLimiter.holding(plain, Mono.just("sent"), (ex) -> ex).block()).isEqualTo("sent");
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> SlidingWindowRateLimiter
				.holding(plain, Mono.just("sent"), (ex) -> new IllegalStateException("no permit", ex))
				.block())
			.withMessage("no permit");
	}

	private SlidingWindowRateLimiter limiter(int limit, Duration timeout) {
		return limiter(limit, timeout, new InMemoryPlaceStore(this::now));
	}

	private SlidingWindowRateLimiter limiter(int limit, Duration timeout, PlaceStore store) {
		RateLimiterConfig config = RateLimiterConfig.custom()
			.limitForPeriod(limit)
			.limitRefreshPeriod(PERIOD)
			.timeoutDuration(timeout)
			.build();
		return new SlidingWindowRateLimiter("test", config, store, this.time, this::now);
	}

	private static Place granted(SlidingWindowRateLimiter limiter) {
		AtomicReference<Place> place = new AtomicReference<>();
		limiter.acquire().subscribe(place::set);
		assertThat(place).as("a place at once").doesNotHaveNullValue();
		return place.get();
	}

	private static NoPlaceException refused(SlidingWindowRateLimiter limiter) {
		AtomicReference<Throwable> failure = new AtomicReference<>();
		limiter.acquire().subscribe(null, failure::set);
		assertThat(failure.get()).isInstanceOf(NoPlaceException.class);
		return (NoPlaceException) failure.get();
	}

	private long now() {
		return this.time.now(TimeUnit.NANOSECONDS);
	}

	private void advance(long millis) {
		this.time.advanceTimeBy(Duration.ofMillis(millis));
	}

	/**
	 * A store in another process that answers each take only when the test says, as Redis
	 * does that hangs until the store's command timeout.
	 */
	private static final class AnswerWhenToldStore implements PlaceStore {

		private final Queue<Sinks.One<PlaceStore.Take>> takes = new ConcurrentLinkedQueue<>();

		private final List<String> released = Collections.synchronizedList(new ArrayList<>());

		@Override
		public Mono<PlaceStore.Take> take(int limit) {
			Sinks.One<PlaceStore.Take> answer = Sinks.one();
			this.takes.add(answer);
			return answer.asMono();
		}

		@Override
		public Mono<Void> release(long place, Duration holdFor) {
			this.released.add(place + " held " + holdFor.toMillis() + " ms");
			return Mono.empty();
		}

		@Override
		public int held() {
			return 0;
		}

		@Override
		public String kind() {
			return "redis";
		}

	}

}
