package io.sendpulse.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * B9: an API that answers every request after 2 seconds, and many concurrent reactive
 * sends through the starter as auto-configured (its own connector, timeouts and retry;
 * the rate limit set not to bind). Throughput is what the calls in flight over the
 * latency allow, bounded by the connection pool; threads and heap stay flat.
 */
final class SlowApi {

	/** Reactor Netty's default pool, which the auto-configured connector uses. */
	static final int CONNECTIONS = 500;

	private SlowApi() {
	}

	static List<Result> run(Settings settings) {
		Duration delay = settings.smoke() ? Duration.ofMillis(200) : Duration.ofSeconds(2);
		int inFlight = settings.smoke() ? 50 : 1_000;
		int calls = settings.smoke() ? 100 : 6_000;
		try (FaultServer server = new FaultServer(FaultServer.Fault.SLOW, delay);
				StarterApp app = new StarterApp(server, "sendpulse.rate-limit.limit-for-period=1000000");
				StarterApp.HeapSampler heap = new StarterApp.HeapSampler(
						settings.smoke() ? Duration.ofMillis(100) : Duration.ofSeconds(3))) {
			Calls.send(app.sms(), inFlight, inFlight);
			long idleHeap = StarterApp.heapAfterGc();
			heap.start();
			int idleThreads = StarterApp.liveThreads();
			StarterApp.resetPeakThreads();
			server.reset();
			long start = System.nanoTime();
			Calls outcome = Calls.send(app.sms(), calls, inFlight);
			double seconds = (System.nanoTime() - start) / 1e9;
			int peakThreads = StarterApp.peakThreads();
			long mostHeap = heap.most();
			heap.close();
			long afterHeap = StarterApp.heapAfterGc();
			double rate = outcome.ok() / seconds;
			double allowed = Math.min(inFlight, CONNECTIONS) / (delay.toNanos() / 1e9);
			long heapLimit = (long) inFlight * InFlightMemory.TARGET_BYTES;
			boolean met = outcome.ok() == calls && rate >= 0.8 * allowed && peakThreads <= idleThreads + 2
					&& mostHeap - idleHeap <= heapLimit && afterHeap - idleHeap <= (4L << 20);
			return List.of(new Result("B9",
					"slow API (every answer after " + delay.toMillis() + " ms), " + calls + " reactive sends, "
							+ inFlight + " in flight",
					String.format("%.0f/s of %.0f/s allowed (%.2f); all %d sent", rate, allowed, rate / allowed,
							outcome.ok()),
					String.format(
							"call p50 %.0f ms, p99 %.0f ms; %d connections; failures %s; threads %d idle, %d peak; "
									+ "heap after GC %s idle, %s most, %s after",
							Calls.millis(outcome.okNanos(), 50), Calls.millis(outcome.okNanos(), 99),
							server.mostOpenConnections(), outcome.failureSummary(), idleThreads, peakThreads,
							StarterApp.mib(idleHeap), StarterApp.mib(mostHeap), StarterApp.mib(afterHeap)),
					String.format(
							"every call sent; ≥ 0.80 of min(in flight, %d connections) / latency; "
									+ "threads ≤ idle + 2; heap ≤ idle + %s during, + 4 MiB after",
							CONNECTIONS, StarterApp.mib(heapLimit)),
					met));
		}
	}

}
