package io.sendpulse.spring.internal.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.LongSupplier;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.event.RateLimiterOnDrainedEvent;
import io.github.resilience4j.ratelimiter.event.RateLimiterOnFailureEvent;
import io.github.resilience4j.ratelimiter.event.RateLimiterOnSuccessEvent;
import io.github.resilience4j.ratelimiter.internal.RateLimiterEventProcessor;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A Resilience4j {@link RateLimiter} that lets at most {@code limitForPeriod} requests
 * reach the API in ANY window of {@code limitRefreshPeriod}, whatever the network delay.
 * <p>
 * A request holds a place from the moment it is let through ({@link #acquire()}) until
 * one period after its response or failure arrived ({@link Place#release()}). Whichever
 * way packets are delayed, a request reaches the API after it was let through and before
 * its response arrives; so all requests that reach the API inside one window still held
 * their places when the last of them was let through, and there are at most
 * {@code limitForPeriod} places. A request that finds a place free goes at once: up to
 * the limit go together. The price is the round trip: a place serves one request per
 * {@code period + round trip}, so a saturated limiter achieves
 * {@code limit × period / (period + round trip)}.
 * <p>
 * Callers wait in order, without a thread: {@link #acquire()} is a {@link Mono} that
 * emits a place when one frees up (on a release, or on a timer set for the earliest hold
 * to end) and fails with a {@link NoPlaceException} after the configured timeout. A
 * caller that cancels leaves the queue. The places themselves live in a
 * {@link PlaceStore}.
 * <p>
 * Resilience4j's own methods ({@link #acquirePermission(int)},
 * {@link #reservePermission(int)}) have no release: they take places that are held one
 * period from the moment they are given. {@link #reservePermission(int)} reserves nothing
 * in the future: it answers {@code 0} when the places are free now and {@code -1}
 * otherwise.
 */
public final class SlidingWindowRateLimiter implements RateLimiter {

	/** How soon to ask a failing store again. */
	private static final Duration STORE_RETRY = Duration.ofMillis(100);

	/**
	 * How long past a caller's time a take under way may still answer for it: a store in
	 * another process needs a round trip even for a caller that waits for no place
	 * ({@code timeoutDuration} zero). The auto-configuration gives Redis's commands as
	 * much at the least.
	 */
	private static final long STORE_ANSWER_GRACE_NANOS = Duration.ofMillis(100).toNanos();

	private static final int WAITING = 0;

	private static final int DONE = 1;

	/** Stands for the watch of a take that was answered: no timer is needed any more. */
	private static final Disposable ANSWERED_WATCH = () -> {
	};

	private final String name;

	private final Map<String, String> tags;

	private volatile RateLimiterConfig config;

	private final PlaceStore store;

	/** {@code null} for Reactor's parallel one, looked up when first needed. */
	private final @Nullable Scheduler scheduler;

	private final LongSupplier nanoClock;

	private final RateLimiterEventProcessor events = new RateLimiterEventProcessor();

	private final Queue<Waiter> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger waiting = new AtomicInteger();

	/** The take under way, whose answer the drain waits for; {@code null} when none. */
	private final AtomicReference<@Nullable TakeAnswer> pendingTake = new AtomicReference<>();

	/** Serialises the draining of the queue; counts the signals that came meanwhile. */
	private final AtomicInteger wip = new AtomicInteger();

	// Touched by the drainer only.
	private int missed;

	private @Nullable Disposable wakeUp;

	/**
	 * Create a limiter on Reactor's parallel scheduler and {@link System#nanoTime()}. The
	 * scheduler is looked up at the first wake-up, not here: creating it would start
	 * Reactor while the application starts.
	 * @param name the name, for metrics and events
	 * @param config the limit, period and timeout
	 * @param store where the places live
	 */
	public SlidingWindowRateLimiter(String name, RateLimiterConfig config, PlaceStore store) {
		this(name, config, store, null, System::nanoTime);
	}

	/**
	 * Create a limiter.
	 * @param name the name, for metrics and events
	 * @param config the limit, period and timeout
	 * @param store where the places live
	 * @param scheduler the scheduler of wake-ups, or {@code null} for Reactor's parallel
	 * one
	 * @param nanoClock the clock of callers' deadlines, in nanoseconds
	 */
	public SlidingWindowRateLimiter(String name, RateLimiterConfig config, PlaceStore store,
			@Nullable Scheduler scheduler, LongSupplier nanoClock) {
		this.name = name;
		this.tags = Map.of();
		this.config = config;
		this.store = store;
		this.scheduler = scheduler;
		this.nanoClock = nanoClock;
	}

	/**
	 * The place a request holds under any limiter: from this one, a place to release when
	 * the request is over; from a plain Resilience4j limiter, its permit, waited for
	 * without a thread, and {@link Place#NONE}.
	 * @param limiter the limiter
	 * @return the place, or a {@link NoPlaceException} when there was none in time
	 */
	public static Mono<Place> placeUnder(RateLimiter limiter) {
		if (limiter instanceof SlidingWindowRateLimiter ours) {
			return ours.acquire();
		}
		return Mono.defer(() -> {
			long waitNanos = limiter.reservePermission();
			if (waitNanos < 0) {
				return Mono.error(new NoPlaceException("Rate limiter '" + limiter.getName() + "' gave no permit within "
						+ limiter.getRateLimiterConfig().getTimeoutDuration(), null, null));
			}
			return (waitNanos > 0) ? Mono.delay(Duration.ofNanos(waitNanos)).thenReturn(Place.NONE)
					: Mono.just(Place.NONE);
		});
	}

	/**
	 * Run {@code request} holding a place under any limiter (see
	 * {@link #placeUnder(RateLimiter)}): subscribed to once a place is had, the place
	 * released when the request answers, fails or is cancelled. When this limiter's
	 * places are in this JVM, nobody waits and a place is free, the place is taken at
	 * subscription, with no operator of its own on the way.
	 * @param <T> the request's result
	 * @param limiter the limiter
	 * @param request the request, sent under the place
	 * @param refusal what to fail with when no place came in time
	 * @return the request, held under a place
	 */
	public static <T> Mono<T> holding(RateLimiter limiter, Mono<T> request,
			Function<NoPlaceException, ? extends Throwable> refusal) {
		return new HoldingPlace<>(limiter, request, refusal);
	}

	/**
	 * Take a place at once, without a {@link Mono}, when the store is in this JVM, nobody
	 * waits (they come first) and a place is free.
	 * @return the place, or {@code null} when the caller must wait in the queue
	 */
	@Nullable Place placeNow() {
		if (this.store instanceof InMemoryPlaceStore memory && this.queue.isEmpty()) {
			long place = memory.takeNow(this.config.getLimitForPeriod(), false);
			if (place != InMemoryPlaceStore.FULL) {
				publish(new RateLimiterOnSuccessEvent(this.name, 1));
				return new Place(this, place);
			}
		}
		return null;
	}

	/**
	 * Wait for a place, without a thread, up to the configured timeout. Cancelling leaves
	 * the queue; a place granted to a caller that cancelled meanwhile is given back.
	 * @return the place, to release when the request is over, or a
	 * {@link NoPlaceException}
	 */
	public Mono<Place> acquire() {
		return Mono.<Place>create((sink) -> {
			// Nobody waiting and a store that answers at once: no queue, no drain.
			Place now = placeNow();
			if (now != null) {
				sink.success(now);
				return;
			}
			Waiter waiter = new Waiter(sink,
					this.nanoClock.getAsLong() + saturatedNanos(this.config.getTimeoutDuration()));
			this.waiting.incrementAndGet();
			sink.onCancel(waiter::cancel);
			this.queue.offer(waiter);
			drain();
			watchIfLate(waiter);
		}).doOnDiscard(Place.class, Place::giveBack);
	}

	/**
	 * A caller who comes while a take is under way for another waits for that answer; if
	 * the store may answer after this caller's time is up (it does not say when it
	 * answers, or later than that), a timer of its own refuses it on time. Rare: the
	 * stores answer at once or within the timeout of the callers they serve.
	 */
	private void watchIfLate(Waiter waiter) {
		TakeAnswer pending = this.pendingTake.get();
		if (pending == null || pending.answered() || !waiter.isWaiting()
				|| (pending.answerBy != null && waiter.deadline + STORE_ANSWER_GRACE_NANOS - pending.answerBy >= 0)) {
			return;
		}
		long delay = Math.max(waiter.deadline + STORE_ANSWER_GRACE_NANOS - this.nanoClock.getAsLong(), 0);
		Scheduler scheduler = (this.scheduler != null) ? this.scheduler : Schedulers.parallel();
		waiter.watch(scheduler.schedule(() -> waiter.refuse(refusal(null, this.store.noAnswerInTime())), delay,
				TimeUnit.NANOSECONDS));
	}

	void release(long place, boolean mayHaveBeenSent) {
		Duration holdFor = mayHaveBeenSent ? this.config.getLimitRefreshPeriod() : Duration.ZERO;
		if (this.store instanceof InMemoryPlaceStore memory) {
			memory.releaseNow(holdFor);
			// A waiter queues before it takes: either it is seen here, or its take sees
			// this release.
			if (!this.queue.isEmpty()) {
				drain();
			}
			return;
		}
		// The place is freed (or its hold set) either way; waiters then look again.
		this.store.release(place, holdFor).subscribe(null, (ex) -> drain(), this::drain);
	}

	private void drain() {
		if (this.wip.getAndIncrement() == 0) {
			runDrain(1);
		}
	}

	private void runDrain(int missed) {
		for (;;) {
			this.missed = missed;
			if (!serveWaiters()) {
				// A take is under way; its answer resumes the drain.
				return;
			}
			missed = this.wip.addAndGet(-missed);
			if (missed == 0) {
				return;
			}
		}
	}

	private void resume(Waiter head, Object outcome) {
		if (answer(head, outcome) && !serveWaiters()) {
			return;
		}
		int missed = this.wip.addAndGet(-this.missed);
		if (missed != 0) {
			runDrain(missed);
		}
	}

	/**
	 * Give places to waiters in order until the store is full.
	 * @return {@code false} when a take is still under way
	 */
	private boolean serveWaiters() {
		for (;;) {
			Waiter head = firstWaiting();
			if (head == null) {
				return true;
			}
			TakeAnswer answer = new TakeAnswer(head, answerBy(this.store.answersWithin()));
			if (!(this.store instanceof InMemoryPlaceStore)) {
				// Set before the take, which may answer (and clear it) on another thread
				// at
				// once; a store in this JVM always answers during subscribe.
				this.pendingTake.set(answer);
			}
			this.store.take(this.config.getLimitForPeriod()).subscribe(answer);
			Object outcome = answer.outcomeIfReady();
			if (outcome == null) {
				watchDeadlines(answer);
				return false;
			}
			if (!answer(head, outcome)) {
				return true;
			}
		}
	}

	/**
	 * Act on the store's answer for the first waiter.
	 * @return whether to go on serving
	 */
	private boolean answer(Waiter head, Object outcome) {
		if (outcome instanceof PlaceStore.Take take && take.taken()) {
			Place place = new Place(this, take.place());
			if (!head.grant(place)) {
				place.giveBack();
			}
			return true;
		}
		long now = this.nanoClock.getAsLong();
		if (outcome instanceof PlaceStore.Take take) {
			refuseExpired(now, (take.freesIn() != null) ? take.freesIn() : this.config.getLimitRefreshPeriod(), null);
			wakeUpIn(now, take.freesIn());
		}
		else if (outcome instanceof PlaceStoreClosedException closed) {
			// Waiting cannot help: every waiter is refused now.
			refuseAll(closed);
		}
		else {
			refuseExpired(now, null, (Throwable) outcome);
			wakeUpIn(now, STORE_RETRY);
		}
		return false;
	}

	/**
	 * While a take is under way (a store in another process: Redis that answers slowly,
	 * or not at all until its command timeout), refuse the callers whose time is up then
	 * (give or take the store's grace of a round trip), not when the store answers. Run
	 * by the drainer, then by the watch itself: neither takes a waiter off the queue (the
	 * drainer does), they only refuse it.
	 */
	private void watchDeadlines(TakeAnswer pending) {
		Waiter first = null;
		for (Waiter waiter : this.queue) {
			if (waiter.isWaiting()) {
				first = waiter;
				break;
			}
		}
		if (first == null
				|| (pending.answerBy != null && first.deadline + STORE_ANSWER_GRACE_NANOS - pending.answerBy >= 0)) {
			// Nobody waits, or the store answers (or gives up) before anyone's time is
			// up: what it says decides, with no timer of ours.
			return;
		}
		long delay = Math.max(first.deadline + STORE_ANSWER_GRACE_NANOS - this.nanoClock.getAsLong(), 0);
		Scheduler scheduler = (this.scheduler != null) ? this.scheduler : Schedulers.parallel();
		pending.watch(scheduler.schedule(() -> refuseLate(pending), delay, TimeUnit.NANOSECONDS));
	}

	private @Nullable Long answerBy(@Nullable Duration answersWithin) {
		return (answersWithin != null) ? this.nanoClock.getAsLong() + saturatedNanos(answersWithin) : null;
	}

	private void refuseLate(TakeAnswer pending) {
		if (pending.answered()) {
			// A timer set by an earlier one of this watch, and the answer came since: it
			// decides.
			return;
		}
		long now = this.nanoClock.getAsLong();
		NoPlaceException refusal = null;
		for (Waiter waiter : this.queue) {
			if (waiter.isWaiting() && waiter.deadline + STORE_ANSWER_GRACE_NANOS - now <= 0) {
				if (refusal == null) {
					refusal = refusal(null, this.store.noAnswerInTime());
				}
				waiter.refuse(refusal);
			}
		}
		watchDeadlines(pending);
	}

	private void refuseAll(PlaceStoreClosedException closed) {
		Waiter head = firstWaiting();
		while (head != null) {
			this.queue.poll();
			head.refuse(new NoPlaceException("No place can be taken: " + closed.getMessage(), null, closed));
			head = firstWaiting();
		}
	}

	private @Nullable Waiter firstWaiting() {
		Waiter head = this.queue.peek();
		while (head != null && !head.isWaiting()) {
			this.queue.poll();
			head = this.queue.peek();
		}
		return head;
	}

	private void refuseExpired(long now, @Nullable Duration freesIn, @Nullable Throwable storeFailure) {
		Waiter head = firstWaiting();
		while (head != null && head.deadline - now <= 0) {
			this.queue.poll();
			head.refuse(refusal(freesIn, storeFailure));
			head = firstWaiting();
		}
	}

	private NoPlaceException refusal(@Nullable Duration freesIn, @Nullable Throwable storeFailure) {
		RateLimiterConfig config = this.config;
		String message = "No place under the limit of " + config.getLimitForPeriod() + " requests per "
				+ config.getLimitRefreshPeriod().toMillis() + " ms within " + config.getTimeoutDuration().toMillis()
				+ " ms";
		if (storeFailure != null) {
			message += "; the rate limit store failed: " + storeFailure;
		}
		return new NoPlaceException(message, freesIn, storeFailure);
	}

	/** Look again when the earliest hold ends, or when the first waiter's time is up. */
	private void wakeUpIn(long now, @Nullable Duration freesIn) {
		Waiter head = firstWaiting();
		if (head == null) {
			return;
		}
		long delay = head.deadline - now;
		if (freesIn != null) {
			delay = Math.min(delay, freesIn.toNanos());
		}
		if (this.wakeUp != null) {
			this.wakeUp.dispose();
		}
		Scheduler scheduler = (this.scheduler != null) ? this.scheduler : Schedulers.parallel();
		this.wakeUp = scheduler.schedule(this::drain, Math.max(delay, 0), TimeUnit.NANOSECONDS);
	}

	private static long saturatedNanos(Duration duration) {
		try {
			return duration.toNanos();
		}
		catch (ArithmeticException ex) {
			return Long.MAX_VALUE / 2;
		}
	}

	@Override
	public void changeTimeoutDuration(Duration timeoutDuration) {
		this.config = RateLimiterConfig.from(this.config).timeoutDuration(timeoutDuration).build();
	}

	@Override
	public void changeLimitForPeriod(int limitForPeriod) {
		this.config = RateLimiterConfig.from(this.config).limitForPeriod(limitForPeriod).build();
		drain();
	}

	/**
	 * Wait, blocking this thread, for {@code permits} places, each then held one period.
	 */
	@Override
	public boolean acquirePermission(int permits) {
		List<Place> places = new ArrayList<>(permits);
		try {
			for (int i = 0; i < permits; i++) {
				places.add(acquire().block());
			}
			places.forEach(Place::release);
			return true;
		}
		catch (NoPlaceException ex) {
			places.forEach(Place::giveBack);
			return false;
		}
	}

	/**
	 * Take {@code permits} places if they are free now, each then held one period;
	 * nothing is reserved for later.
	 * @return {@code 0} when the places were taken, {@code -1} otherwise
	 */
	@Override
	public long reservePermission(int permits) {
		List<Place> places = takeNow(permits);
		if (places.size() < permits) {
			places.forEach(Place::giveBack);
			publish(new RateLimiterOnFailureEvent(this.name, permits));
			return -1;
		}
		places.forEach(Place::release);
		publish(new RateLimiterOnSuccessEvent(this.name, permits));
		return 0;
	}

	/**
	 * Hold every free place for one period.
	 */
	@Override
	public void drainPermissions() {
		List<Place> places = takeNow(this.config.getLimitForPeriod());
		places.forEach(Place::release);
		publish(new RateLimiterOnDrainedEvent(this.name, places.size()));
	}

	private List<Place> takeNow(int count) {
		List<Place> places = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			PlaceStore.Take take = this.store.take(this.config.getLimitForPeriod()).block();
			if (take == null || !take.taken()) {
				break;
			}
			places.add(new Place(this, take.place()));
		}
		return places;
	}

	private void publish(io.github.resilience4j.ratelimiter.event.RateLimiterEvent event) {
		if (this.events.hasConsumers()) {
			this.events.consumeEvent(event);
		}
	}

	@Override
	public String getName() {
		return this.name;
	}

	@Override
	public RateLimiterConfig getRateLimiterConfig() {
		return this.config;
	}

	@Override
	public Map<String, String> getTags() {
		return this.tags;
	}

	@Override
	public Metrics getMetrics() {
		return new Metrics() {

			@Override
			public int getNumberOfWaitingThreads() {
				// Callers waiting for a place; none of them holds a thread.
				return SlidingWindowRateLimiter.this.waiting.get();
			}

			@Override
			public int getAvailablePermissions() {
				return Math.max(0, SlidingWindowRateLimiter.this.config.getLimitForPeriod()
						- SlidingWindowRateLimiter.this.store.held());
			}

		};
	}

	@Override
	public EventPublisher getEventPublisher() {
		return this.events;
	}

	/** A caller waiting for a place. */
	private final class Waiter {

		private final MonoSink<Place> sink;

		private final long deadline;

		private final AtomicInteger state = new AtomicInteger(WAITING);

		/** Its own timer, when it came while a take was under way (rare). */
		private volatile @Nullable Disposable watch;

		Waiter(MonoSink<Place> sink, long deadline) {
			this.sink = sink;
			this.deadline = deadline;
		}

		void watch(Disposable timer) {
			this.watch = timer;
			if (!isWaiting()) {
				timer.dispose();
			}
		}

		private void unwatch() {
			Disposable watch = this.watch;
			if (watch != null) {
				watch.dispose();
			}
		}

		boolean isWaiting() {
			return this.state.get() == WAITING;
		}

		boolean grant(Place place) {
			if (!this.state.compareAndSet(WAITING, DONE)) {
				return false;
			}
			SlidingWindowRateLimiter.this.waiting.decrementAndGet();
			unwatch();
			publish(new RateLimiterOnSuccessEvent(SlidingWindowRateLimiter.this.name, 1));
			this.sink.success(place);
			return true;
		}

		void refuse(NoPlaceException ex) {
			if (this.state.compareAndSet(WAITING, DONE)) {
				SlidingWindowRateLimiter.this.waiting.decrementAndGet();
				unwatch();
				publish(new RateLimiterOnFailureEvent(SlidingWindowRateLimiter.this.name, 1));
				this.sink.error(ex);
			}
		}

		void cancel() {
			if (this.state.compareAndSet(WAITING, DONE)) {
				SlidingWindowRateLimiter.this.waiting.decrementAndGet();
				unwatch();
			}
		}

	}

	/**
	 * The store's answer to one take: read at once when the store answered during
	 * {@code subscribe} (the in-memory store always does), else it resumes the drain.
	 */
	private final class TakeAnswer implements CoreSubscriber<PlaceStore.Take> {

		private static final int PENDING = 0;

		private static final int LEFT = 1;

		private static final int ANSWERED = 2;

		private final Waiter head;

		/** When the store answers at the latest, on the limiter's clock, when it says. */
		private final @Nullable Long answerBy;

		private final AtomicInteger phase = new AtomicInteger(PENDING);

		/** The timer of the next caller's deadline while no answer came. */
		private final AtomicReference<@Nullable Disposable> watch = new AtomicReference<>();

		private @Nullable Object outcome;

		TakeAnswer(Waiter head, @Nullable Long answerBy) {
			this.head = head;
			this.answerBy = answerBy;
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(PlaceStore.Take take) {
			answered(take);
		}

		@Override
		public void onError(Throwable ex) {
			answered(ex);
		}

		@Override
		public void onComplete() {
			answered(new IllegalStateException("The rate limit store answered nothing"));
		}

		private void answered(Object outcome) {
			if (this.outcome != null) {
				return;
			}
			this.outcome = outcome;
			Disposable watch = this.watch.getAndSet(ANSWERED_WATCH);
			if (watch != null) {
				watch.dispose();
			}
			if (SlidingWindowRateLimiter.this.pendingTake.get() == this) {
				SlidingWindowRateLimiter.this.pendingTake.compareAndSet(this, null);
			}
			if (!this.phase.compareAndSet(PENDING, ANSWERED)) {
				resume(this.head, outcome);
			}
		}

		boolean answered() {
			return this.watch.get() == ANSWERED_WATCH;
		}

		void watch(Disposable timer) {
			for (;;) {
				Disposable current = this.watch.get();
				if (current == ANSWERED_WATCH) {
					timer.dispose();
					return;
				}
				if (this.watch.compareAndSet(current, timer)) {
					return;
				}
			}
		}

		@Nullable Object outcomeIfReady() {
			return this.phase.compareAndSet(PENDING, LEFT) ? null : this.outcome;
		}

	}

}
