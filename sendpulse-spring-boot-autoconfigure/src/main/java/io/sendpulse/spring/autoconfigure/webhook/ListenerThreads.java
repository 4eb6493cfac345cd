package io.sendpulse.spring.autoconfigure.webhook;

import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.scheduler.Schedulers;

/**
 * Where WebFlux listeners that may block run on platform threads: as many threads as
 * Reactor's {@code boundedElastic} allows (ten per core unless
 * {@code reactor.schedulers.defaultBoundedElasticSize} says otherwise) and as many
 * waiting deliveries ({@code reactor.schedulers.defaultBoundedElasticQueueSize}, 100,000
 * by default), beyond which a delivery is answered 503 for SendPulse to deliver it again.
 * Unlike {@code boundedElastic}, whose workers each have a queue of their own, the
 * threads share one queue: a steady stream of quick deliveries keeps a few threads busy
 * rather than waking one per delivery (benchmark B4), and listeners that block get as
 * many threads as {@code boundedElastic} gives them (B4-blocking). Threads are made as
 * deliveries need them and end after a minute idle, as {@code boundedElastic}'s do.
 */
final class ListenerThreads implements Executor, AutoCloseable {

	private static final long KEEP_ALIVE_SECONDS = 60;

	private final ThreadPoolExecutor executor;

	ListenerThreads(String threadNamePrefix) {
		this(threadNamePrefix, Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE, Schedulers.DEFAULT_BOUNDED_ELASTIC_QUEUESIZE);
	}

	ListenerThreads(String threadNamePrefix, int threads, int queueCapacity) {
		this.executor = new ThreadPoolExecutor(threads, threads, KEEP_ALIVE_SECONDS, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(queueCapacity), new Daemons(threadNamePrefix),
				new ThreadPoolExecutor.AbortPolicy());
		this.executor.allowCoreThreadTimeOut(true);
	}

	/**
	 * Run the task on one of the threads.
	 * @throws java.util.concurrent.RejectedExecutionException when the queue is full or
	 * the application is shutting down
	 */
	@Override
	public void execute(Runnable task) {
		this.executor.execute(task);
	}

	/**
	 * Take no more tasks once the application has closed (its web server has drained its
	 * requests by then); those already taken run to their end.
	 */
	@Override
	public void close() {
		this.executor.shutdown();
	}

	int threads() {
		return this.executor.getMaximumPoolSize();
	}

	private static final class Daemons implements ThreadFactory {

		private final String prefix;

		private final AtomicInteger count = new AtomicInteger();

		Daemons(String prefix) {
			this.prefix = prefix;
		}

		@Override
		public Thread newThread(Runnable task) {
			Thread thread = new Thread(task, this.prefix + this.count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		}

	}

}
