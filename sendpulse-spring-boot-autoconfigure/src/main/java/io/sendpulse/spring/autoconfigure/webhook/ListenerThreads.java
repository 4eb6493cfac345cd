package io.sendpulse.spring.autoconfigure.webhook;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * Where WebFlux listeners that may block run on platform threads. A delivery goes to an
 * idle thread if there is one, else to a new thread, up to
 * {@code sendpulse.webhook.listener-pool.max-size} (unset, as many as Reactor's
 * {@code boundedElastic} allows: ten per core unless
 * {@code reactor.schedulers.defaultBoundedElasticSize} says otherwise), as Tomcat's
 * request threads are made; once they are all busy, deliveries wait in one queue of at
 * most {@code sendpulse.webhook.listener-pool.queue-capacity} (unset,
 * {@code reactor.schedulers.defaultBoundedElasticQueueSize}, 100,000 by default), beyond
 * which the executor refuses them and the endpoint answers 503 for SendPulse to deliver
 * them again. Threads end after a minute without work. Listeners that block so get as
 * many threads as the pool allows; so do quick ones under concurrent load, since a
 * delivery handed to a thread still waking counts as unfinished, and the queue wakes the
 * thread idle longest, so that all of them stay in use until deliveries stop for a minute
 * (benchmark B4 measured this pool against pools that wake fewer threads: they were
 * slower). As with Tomcat's, a thread about to end after its minute idle still counts as
 * idle, so a delivery may then wait for a busy one.
 */
final class ListenerThreads implements Executor, AutoCloseable {

	private static final long KEEP_ALIVE_SECONDS = 60;

	private final ThreadPoolExecutor executor;

	private final GrowFirstQueue queue;

	/**
	 * Tasks handed over and not yet ended, counting the one being handed over: no more
	 * than the threads means that one of them is idle.
	 */
	private final AtomicInteger unfinished = new AtomicInteger();

	/**
	 * Threads named with the given prefix, as many as given or else as Reactor's
	 * {@code boundedElastic} scheduler has, and a queue as long as given or else as its.
	 */
	static ListenerThreads of(String threadNamePrefix, @Nullable Integer threads, @Nullable Integer queueCapacity) {
		return new ListenerThreads(threadNamePrefix,
				(threads != null) ? threads : Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE,
				(queueCapacity != null) ? queueCapacity : Schedulers.DEFAULT_BOUNDED_ELASTIC_QUEUESIZE);
	}

	ListenerThreads(String threadNamePrefix, int threads, int queueCapacity) {
		this.queue = new GrowFirstQueue(queueCapacity);
		CustomizableThreadFactory daemons = new CustomizableThreadFactory(threadNamePrefix);
		daemons.setDaemon(true);
		this.executor = new ThreadPoolExecutor(0, threads, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS, this.queue, daemons);
	}

	/**
	 * Run the task on an idle thread, a new one, or once there are as many as allowed,
	 * the first that is free.
	 * @throws RejectedExecutionException when the queue is full or this has been closed
	 */
	@Override
	public void execute(Runnable task) {
		this.unfinished.incrementAndGet();
		Runnable counted = () -> {
			try {
				task.run();
			}
			finally {
				this.unfinished.decrementAndGet();
			}
		};
		boolean handedOver = false;
		try {
			this.executor.execute(counted);
			handedOver = true;
		}
		catch (RejectedExecutionException ex) {
			handedOver = queueAfterAll(counted);
			if (!handedOver) {
				throw ex;
			}
		}
		finally {
			if (!handedOver) {
				this.unfinished.decrementAndGet();
			}
		}
	}

	/**
	 * Queue a task refused because another took the last new thread between the queue's
	 * answer and the executor's attempt, if there is room; then, as
	 * {@link ThreadPoolExecutor} does once it has queued a task, make sure that a thread
	 * will run it, or take it back.
	 */
	private boolean queueAfterAll(Runnable counted) {
		if (this.executor.isShutdown() || !this.queue.force(counted)) {
			return false;
		}
		if (this.executor.isShutdown()) {
			// Unless a thread has taken it already.
			return !this.queue.remove(counted);
		}
		if (this.executor.getPoolSize() == 0 && this.queue.remove(counted)) {
			// Every thread ended meanwhile: below the maximum, the executor makes one.
			try {
				this.executor.execute(counted);
			}
			catch (RejectedExecutionException ex) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Take no more tasks, once the application has closed and its web server has stopped.
	 * Those already taken still run, on daemon threads: to their end unless the JVM exits
	 * first.
	 */
	@Override
	public void close() {
		this.executor.shutdown();
	}

	int threads() {
		return this.executor.getMaximumPoolSize();
	}

	int queueCapacity() {
		return this.queue.remainingCapacity() + this.queue.size();
	}

	int queued() {
		return this.queue.size();
	}

	int unfinished() {
		return this.unfinished.get();
	}

	/**
	 * Takes a task only when a thread is idle to run it or no more threads are allowed,
	 * so that {@link ThreadPoolExecutor} makes a new thread rather than queue it.
	 */
	private final class GrowFirstQueue extends LinkedBlockingQueue<Runnable> {

		GrowFirstQueue(int capacity) {
			super(capacity);
		}

		@Override
		public boolean offer(Runnable task) {
			ThreadPoolExecutor executor = ListenerThreads.this.executor;
			int threads = executor.getPoolSize();
			if (ListenerThreads.this.unfinished.get() <= threads || threads >= executor.getMaximumPoolSize()) {
				return super.offer(task);
			}
			return false;
		}

		boolean force(Runnable task) {
			return super.offer(task);
		}

	}

}
