package io.sendpulse.spring.test.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The sandbox's clock and the transitions waiting on it. The clock follows real time
 * (when auto-advancing) plus whatever {@link #advance(Duration)} added, or only the
 * latter; it moves forward only, but for {@link #clear()}, which takes back what was
 * added. Due transitions run one at a time, in due order, each told the instant it was
 * due at, so that a chain of transitions keeps its spacing however far the clock jumps.
 */
final class SandboxScheduler {

	private static final Log logger = LogFactory.getLog(SandboxScheduler.class);

	private static final long TICK_MILLIS = 20;

	private final boolean autoAdvance;

	private final Instant start = Instant.now();

	private final long startNanos = System.nanoTime();

	private final AtomicLong offsetNanos = new AtomicLong();

	private final AtomicLong sequence = new AtomicLong();

	private final ReentrantLock queueLock = new ReentrantLock();

	private final PriorityQueue<Transition> queue = new PriorityQueue<>();

	// Transitions run one at a time, whether the ticker or a test's advance() runs them.
	private final ReentrantLock runLock = new ReentrantLock();

	private @Nullable ScheduledExecutorService ticker;

	SandboxScheduler(boolean autoAdvance) {
		this.autoAdvance = autoAdvance;
	}

	Instant now() {
		long elapsed = this.autoAdvance ? System.nanoTime() - this.startNanos : 0;
		return this.start.plusNanos(elapsed + this.offsetNanos.get());
	}

	void schedule(Instant due, Consumer<Instant> action) {
		Transition transition = new Transition(due, this.sequence.incrementAndGet(), action);
		this.queueLock.lock();
		try {
			this.queue.add(transition);
		}
		finally {
			this.queueLock.unlock();
		}
	}

	void advance(Duration duration) {
		if (duration.isNegative()) {
			throw new IllegalArgumentException(
					"The sandbox clock only moves forward, but was asked to move " + duration);
		}
		this.offsetNanos.addAndGet(duration.toNanos());
		runDue();
	}

	void runDue() {
		this.runLock.lock();
		try {
			Instant now = now();
			Transition next;
			while ((next = pollDue(now)) != null) {
				try {
					next.action().accept(next.due());
				}
				catch (RuntimeException ex) {
					logger.error("A sandbox transition failed", ex);
				}
			}
		}
		finally {
			this.runLock.unlock();
		}
	}

	int pending() {
		this.queueLock.lock();
		try {
			return this.queue.size();
		}
		finally {
			this.queueLock.unlock();
		}
	}

	/**
	 * Drop every waiting transition and take back what {@link #advance(Duration)} added:
	 * the clock follows real time again (or, without auto-advance, stands where it
	 * started), as the next test expects.
	 */
	void clear() {
		// Under the run lock too: a transition the ticker took off the queue runs before
		// the clock goes back, not after.
		this.runLock.lock();
		try {
			this.queueLock.lock();
			try {
				this.queue.clear();
				this.offsetNanos.set(0);
			}
			finally {
				this.queueLock.unlock();
			}
		}
		finally {
			this.runLock.unlock();
		}
	}

	private @Nullable Transition pollDue(Instant now) {
		this.queueLock.lock();
		try {
			Transition head = this.queue.peek();
			return (head != null && !head.due().isAfter(now)) ? this.queue.poll() : null;
		}
		finally {
			this.queueLock.unlock();
		}
	}

	void start() {
		if (this.autoAdvance) {
			ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "sendpulse-sandbox-clock");
				thread.setDaemon(true);
				return thread;
			});
			ticker.scheduleWithFixedDelay(this::runDue, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
			this.ticker = ticker;
		}
	}

	void stop() {
		if (this.ticker != null) {
			this.ticker.shutdownNow();
			this.ticker = null;
		}
	}

	private record Transition(Instant due, long sequence, Consumer<Instant> action) implements Comparable<Transition> {

		@Override
		public int compareTo(Transition other) {
			int byDue = this.due.compareTo(other.due);
			return (byDue != 0) ? byDue : Long.compare(this.sequence, other.sequence);
		}

	}

}
