package io.sendpulse.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.sendpulse.spring.sms.SmsTemplate;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A non-web application with the starter exactly as auto-configured (its own connector,
 * timeouts, limiter and retry), for the fault benchmarks B9-B12; plus the JVM's thread
 * and heap readings they report.
 */
final class StarterApp implements AutoCloseable {

	private static final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

	private static final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final ConfigurableApplicationContext context;

	StarterApp(FaultServer server, String... properties) {
		List<String> all = new ArrayList<>(
				List.of("sendpulse.api-key=bench-key", "sendpulse.base-url=" + server.baseUrl(),
						"sendpulse.sms.from=Bench", "spring.main.banner-mode=off", "logging.level.root=warn"));
		all.addAll(List.of(properties));
		this.context = new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties(all.toArray(String[]::new))
			.run();
	}

	SmsTemplate sms() {
		return this.context.getBean(SmsTemplate.class);
	}

	static int liveThreads() {
		return threads.getThreadCount();
	}

	/** Forget the peak so far: the next {@link #peakThreads()} covers what follows. */
	static void resetPeakThreads() {
		threads.resetPeakThreadCount();
	}

	static int peakThreads() {
		return threads.getPeakThreadCount();
	}

	/** Heap in use after a full collection, in bytes. */
	static long heapAfterGc() {
		System.gc();
		System.gc();
		return memory.getHeapMemoryUsage().getUsed();
	}

	/**
	 * Sample the heap after a full collection every {@code period} until closed, on a
	 * thread of its own (started before the run, so it is in the idle thread count).
	 */
	static final class HeapSampler implements AutoCloseable {

		private final Thread thread;

		private volatile long most;

		private volatile boolean running = true;

		HeapSampler(Duration period) {
			this.thread = new Thread(() -> {
				while (this.running) {
					this.most = Math.max(this.most, heapAfterGc());
					try {
						Thread.sleep(period.toMillis());
					}
					catch (InterruptedException ex) {
						return;
					}
				}
			}, "heap-sampler");
			this.thread.setDaemon(true);
		}

		HeapSampler start() {
			this.thread.start();
			return this;
		}

		/** The most heap in use after a collection, over the samples so far. */
		long most() {
			return this.most;
		}

		@Override
		public void close() {
			this.running = false;
			this.thread.interrupt();
		}

	}

	static String mib(long bytes) {
		return String.format("%.1f MiB", bytes / 1048576.0);
	}

	@Override
	public void close() {
		this.context.close();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

	}

}
