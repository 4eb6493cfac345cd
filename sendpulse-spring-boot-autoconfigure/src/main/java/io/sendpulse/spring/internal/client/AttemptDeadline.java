package io.sendpulse.spring.internal.client;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

/**
 * The deadline of one attempt: what {@code Mono.timeout(Duration)} does for a
 * {@link Mono} (a timer on Reactor's parallel scheduler; when it fires first, the attempt
 * is cancelled and fails with a {@link TimeoutException}), without the work that operator
 * does on every subscription to name its source for the exception message, which the
 * profile of B1 (docs/benchmarks.md) showed costing more than its timer.
 */
final class AttemptDeadline {

	private AttemptDeadline() {
	}

	static <T> Mono<T> within(Mono<T> attempt, Duration deadline) {
		long nanos = deadline.toNanos();
		Scheduler timer = Schedulers.parallel();
		return attempt
			.transform(Operators.<T, T>lift((scannable, actual) -> new DeadlineSubscriber<>(actual, nanos, timer)))
			.as(Mono::from);
	}

	private static final class DeadlineSubscriber<T> implements CoreSubscriber<T>, Subscription, Runnable {

		private static final int RUNNING = 0;

		/** A value went through: the attempt is over, its completion follows. */
		private static final int ANSWERED = 1;

		private static final int DONE = 2;

		private final CoreSubscriber<? super T> actual;

		private final long nanos;

		private final Scheduler timer;

		private final AtomicInteger state = new AtomicInteger(RUNNING);

		private @Nullable Subscription upstream;

		private volatile @Nullable Disposable task;

		DeadlineSubscriber(CoreSubscriber<? super T> actual, long nanos, Scheduler timer) {
			this.actual = actual;
			this.nanos = nanos;
			this.timer = timer;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.validate(this.upstream, subscription)) {
				this.upstream = subscription;
				this.actual.onSubscribe(this);
				Disposable task = this.timer.schedule(this, this.nanos, TimeUnit.NANOSECONDS);
				this.task = task;
				// The attempt may have ended while the timer was being set.
				if (this.state.get() != RUNNING) {
					task.dispose();
				}
			}
		}

		@Override
		public void onNext(T value) {
			if (this.state.compareAndSet(RUNNING, ANSWERED)) {
				stopTimer();
				this.actual.onNext(value);
			}
			else {
				Operators.onNextDropped(value, currentContext());
			}
		}

		@Override
		public void onError(Throwable ex) {
			int state = this.state.getAndSet(DONE);
			if (state == DONE) {
				Operators.onErrorDropped(ex, currentContext());
				return;
			}
			stopTimer();
			this.actual.onError(ex);
		}

		@Override
		public void onComplete() {
			int state = this.state.getAndSet(DONE);
			if (state == DONE) {
				return;
			}
			stopTimer();
			this.actual.onComplete();
		}

		/** The deadline passed first. */
		@Override
		public void run() {
			if (this.state.compareAndSet(RUNNING, DONE)) {
				Subscription upstream = this.upstream;
				if (upstream != null) {
					upstream.cancel();
				}
				this.actual.onError(new TimeoutException("Did not observe any item or terminal signal within "
						+ TimeUnit.NANOSECONDS.toMillis(this.nanos) + "ms (attempt deadline)"));
			}
		}

		@Override
		public void request(long n) {
			Subscription upstream = this.upstream;
			if (upstream != null) {
				upstream.request(n);
			}
		}

		@Override
		public void cancel() {
			this.state.set(DONE);
			stopTimer();
			Subscription upstream = this.upstream;
			if (upstream != null) {
				upstream.cancel();
			}
		}

		private void stopTimer() {
			Disposable task = this.task;
			if (task != null) {
				task.dispose();
			}
		}

	}

}
