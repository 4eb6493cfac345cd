package io.sendpulse.spring.internal.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.NonBlocking;
import reactor.util.context.Context;

/**
 * The deadline of one attempt: what {@code Mono.timeout(Duration)} does for a
 * {@link Mono} (when the deadline passes first, the attempt is cancelled and fails with a
 * {@link TimeoutException}), without a timer per attempt.
 * <p>
 * {@code Mono.timeout} names its source on every subscription for the exception message,
 * and sets a timer on Reactor's parallel scheduler from the caller's thread and cancels
 * it from the event loop: each a trip through the lock of a worker's delay queue, which
 * 64 blocking callers and the event loops contend for (B2 in docs/benchmarks.md). Here an
 * attempt only joins a lock-free stack of pending deadlines (allocating nothing), and one
 * task on a thread of its own looks at them every {@link #TICK_MILLIS} ms while anything
 * is pending, dropping attempts that ended and failing those whose deadline passed: an
 * attempt fails at its deadline or at most one tick (plus the thread's wake-up) after it,
 * never before. The thread exists only while attempts are under way, and 30 s after.
 */
final class AttemptDeadline {

	/** How often pending deadlines are checked: how late a deadline may fire at most. */
	static final long TICK_MILLIS = 10;

	private static final Deadlines deadlines = new Deadlines();

	private AttemptDeadline() {
	}

	/**
	 * Whether the task that checks deadlines is scheduled: only while attempts are
	 * pending, so an idle application has no timer waking up.
	 * @return whether deadlines are being checked
	 */
	static boolean checking() {
		return deadlines.ticking.get();
	}

	static <T> Mono<T> within(Mono<T> attempt, Duration deadline) {
		return new Within<>(attempt, deadline.toNanos());
	}

	/** The attempt under its deadline; a Mono of its own rather than a lift per call. */
	private static final class Within<T> extends Mono<T> {

		private final Mono<T> attempt;

		private final long nanos;

		Within(Mono<T> attempt, long nanos) {
			this.attempt = attempt;
			this.nanos = nanos;
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			this.attempt.subscribe(new DeadlineSubscriber<>(actual, this.nanos, deadlines));
		}

	}

	/**
	 * The deadlines of attempts under way, checked by one task that runs every tick while
	 * any is pending and stops when none is. Attempts join a lock-free stack (each is its
	 * own link, so joining allocates nothing); the task moves them to a list of its own.
	 */
	static final class Deadlines implements Runnable {

		/** Attempts that joined since the last tick, the latest first. */
		private final AtomicReference<@Nullable DeadlineSubscriber<?>> joined = new AtomicReference<>();

		private final AtomicBoolean ticking = new AtomicBoolean();

		/**
		 * The task's own thread, not a Reactor scheduler: a scheduler that the
		 * application swaps (a test's virtual time) or shuts down would drop the task and
		 * with it every deadline after. The thread ends when no attempt has been under
		 * way for a while.
		 */
		private final ScheduledThreadPoolExecutor timer;

		Deadlines() {
			this.timer = new ScheduledThreadPoolExecutor(1, DeadlineThread::new);
			this.timer.setKeepAliveTime(30, TimeUnit.SECONDS);
			this.timer.allowCoreThreadTimeOut(true);
		}

		/** Touched by the task only (one run at a time). */
		private final List<DeadlineSubscriber<?>> pending = new ArrayList<>();

		void add(DeadlineSubscriber<?> attempt) {
			DeadlineSubscriber<?> latest;
			do {
				latest = this.joined.get();
				attempt.next = latest;
			}
			while (!this.joined.compareAndSet(latest, attempt));
			if (!this.ticking.get() && this.ticking.compareAndSet(false, true)) {
				tickLater();
			}
		}

		@Override
		public void run() {
			for (DeadlineSubscriber<?> attempt = this.joined.getAndSet(null); attempt != null;) {
				DeadlineSubscriber<?> next = attempt.next;
				attempt.next = null;
				this.pending.add(attempt);
				attempt = next;
			}
			long now = System.nanoTime();
			int kept = 0;
			for (int i = 0; i < this.pending.size(); i++) {
				DeadlineSubscriber<?> attempt = this.pending.get(i);
				if (!attempt.isRunning()) {
					continue;
				}
				if (attempt.deadline - now <= 0) {
					expire(attempt);
					continue;
				}
				this.pending.set(kept++, attempt);
			}
			this.pending.subList(kept, this.pending.size()).clear();
			if (kept == 0 && this.joined.get() == null) {
				this.ticking.set(false);
				// An attempt that joined just now may have seen the task still running.
				if (this.joined.get() == null || !this.ticking.compareAndSet(false, true)) {
					return;
				}
			}
			tickLater();
		}

		/**
		 * Fail an attempt; whatever its subscribers throw must not stop the others'
		 * checks.
		 */
		private static void expire(DeadlineSubscriber<?> attempt) {
			try {
				attempt.expire();
			}
			catch (Throwable ex) {
				Exceptions.throwIfJvmFatal(ex);
				try {
					Operators.onErrorDropped(ex, attempt.currentContext());
				}
				catch (Throwable dropped) {
					Exceptions.throwIfJvmFatal(dropped);
				}
			}
		}

		private void tickLater() {
			this.timer.schedule(this, TICK_MILLIS, TimeUnit.MILLISECONDS);
		}

	}

	/**
	 * The thread that fails attempts at their deadline: a daemon, and non-blocking, as
	 * Reactor's parallel threads are, so that blocking on it fails instead of holding up
	 * every other deadline.
	 */
	private static final class DeadlineThread extends Thread implements NonBlocking {

		DeadlineThread(Runnable task) {
			super(task, "sendpulse-attempt-deadlines");
			setDaemon(true);
		}

	}

	private static final class DeadlineSubscriber<T> implements CoreSubscriber<T>, Subscription {

		private static final int RUNNING = 0;

		/** A value went through: the attempt is over, its completion follows. */
		private static final int ANSWERED = 1;

		private static final int DONE = 2;

		@SuppressWarnings("rawtypes")
		private static final AtomicIntegerFieldUpdater<DeadlineSubscriber> STATE = AtomicIntegerFieldUpdater
			.newUpdater(DeadlineSubscriber.class, "state");

		private final CoreSubscriber<? super T> actual;

		private final long nanos;

		private final Deadlines deadlines;

		/** When the attempt must have ended, on {@link System#nanoTime()}. */
		private long deadline;

		private volatile int state = RUNNING;

		/**
		 * The attempt that joined the deadlines before this one, until the task reads it.
		 */
		@Nullable DeadlineSubscriber<?> next;

		private @Nullable Subscription upstream;

		DeadlineSubscriber(CoreSubscriber<? super T> actual, long nanos, Deadlines deadlines) {
			this.actual = actual;
			this.nanos = nanos;
			this.deadlines = deadlines;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.validate(this.upstream, subscription)) {
				this.upstream = subscription;
				this.deadline = System.nanoTime() + this.nanos;
				this.actual.onSubscribe(this);
				// An attempt that ended while subscribing needs no deadline.
				if (this.state == RUNNING) {
					this.deadlines.add(this);
				}
			}
		}

		boolean isRunning() {
			return this.state == RUNNING;
		}

		@Override
		public void onNext(T value) {
			if (STATE.compareAndSet(this, RUNNING, ANSWERED)) {
				this.actual.onNext(value);
			}
			else {
				Operators.onNextDropped(value, currentContext());
			}
		}

		@Override
		public void onError(Throwable ex) {
			if (STATE.getAndSet(this, DONE) == DONE) {
				Operators.onErrorDropped(ex, currentContext());
				return;
			}
			this.actual.onError(ex);
		}

		@Override
		public void onComplete() {
			if (STATE.getAndSet(this, DONE) == DONE) {
				return;
			}
			this.actual.onComplete();
		}

		/** The deadline passed first. */
		void expire() {
			if (STATE.compareAndSet(this, RUNNING, DONE)) {
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
			this.state = DONE;
			Subscription upstream = this.upstream;
			if (upstream != null) {
				upstream.cancel();
			}
		}

	}

}
