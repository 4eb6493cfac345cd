package io.sendpulse.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * B10: an API that reads every request and never answers. Each call fails on time: after
 * its attempts' read timeouts and the backoffs between them, computed from the
 * properties, never later; threads and heap stay flat, and the connections are closed.
 */
final class NoAnswer {

	private static final double JITTER = 0.5;

	private NoAnswer() {
	}

	static List<Result> run(Settings settings) {
		Duration readTimeout = settings.smoke() ? Duration.ofMillis(200) : Duration.ofSeconds(1);
		Duration attemptTimeout = Duration.ofSeconds(30);
		int maxAttempts = 3;
		Duration initialBackoff = settings.smoke() ? Duration.ofMillis(50) : Duration.ofMillis(200);
		double multiplier = 2;
		Duration maxBackoff = Duration.ofSeconds(1);
		int inFlight = settings.smoke() ? 20 : 50;
		int calls = settings.smoke() ? 20 : 150;
		// Each attempt ends at its read timeout (the connection is made at once on
		// loopback), bounded by the attempt timeout; the waits between attempts are the
		// exponential backoff, capped, plus at most the jitter.
		double attemptMillis = Math.min(readTimeout.toMillis(), attemptTimeout.toMillis());
		double boundMillis = maxAttempts * attemptMillis;
		double leastMillis = maxAttempts * attemptMillis;
		for (int retry = 1; retry < maxAttempts; retry++) {
			double wait = Math.min(initialBackoff.toMillis() * Math.pow(multiplier, retry - 1), maxBackoff.toMillis());
			boundMillis += wait * (1 + JITTER);
			leastMillis += wait * (1 - JITTER);
		}
		double margin = settings.smoke() ? 1_000 : 500;
		try (FaultServer server = new FaultServer(FaultServer.Fault.SILENT, Duration.ZERO);
				StarterApp app = new StarterApp(server, "sendpulse.read-timeout=" + readTimeout.toMillis() + "ms",
						"sendpulse.attempt-timeout=" + attemptTimeout.toMillis() + "ms",
						"sendpulse.retry.max-attempts=" + maxAttempts,
						"sendpulse.retry.initial-backoff=" + initialBackoff.toMillis() + "ms",
						"sendpulse.retry.multiplier=" + multiplier,
						"sendpulse.retry.max-backoff=" + maxBackoff.toMillis() + "ms",
						"sendpulse.rate-limit.limit-for-period=1000000");
				StarterApp.HeapSampler heap = new StarterApp.HeapSampler(
						settings.smoke() ? Duration.ofMillis(100) : Duration.ofSeconds(2))) {
			// Warm: the failure path compiled, as in an application that has been
			// running.
			Calls.send(app.sms(), inFlight, inFlight);
			long idleHeap = StarterApp.heapAfterGc();
			heap.start();
			int idleThreads = StarterApp.liveThreads();
			StarterApp.resetPeakThreads();
			server.reset();
			Calls outcome = Calls.send(app.sms(), calls, inFlight);
			int peakThreads = StarterApp.peakThreads();
			double[] gaps = server.gapsMillis();
			long mostHeap = heap.most();
			heap.close();
			int mostConnections = server.mostOpenConnections();
			long closeBy = System.nanoTime() + Duration.ofSeconds(2).toNanos();
			while (server.openConnections() > 0 && System.nanoTime() < closeBy) {
				Thread.onSpinWait();
			}
			int openAfter = server.openConnections();
			long afterHeap = StarterApp.heapAfterGc();
			double fastest = Calls.millis(outcome.failedNanos(), 0);
			double slowest = Calls.millis(outcome.failedNanos(), 100);
			int attempts = server.requests();
			boolean timedOut = outcome.failures()
				.keySet()
				.stream()
				.allMatch((failure) -> failure.contains("read timeout"));
			boolean met = outcome.failed() == calls && timedOut && attempts == calls * maxAttempts
					&& slowest <= boundMillis + margin && fastest >= leastMillis && peakThreads <= idleThreads + 2
					&& mostHeap - idleHeap <= (4L << 20) && afterHeap - idleHeap <= (4L << 20) && openAfter == 0;
			return List.of(new Result("B10",
					"API that never answers, " + calls + " reactive sends, " + inFlight + " in flight; read-timeout "
							+ readTimeout.toMillis() + " ms, " + maxAttempts + " attempts, backoff "
							+ initialBackoff.toMillis() + " ms × " + multiplier + " (max " + maxBackoff.toMillis()
							+ " ms)",
					String.format("every call failed in %.0f-%.0f ms (p50 %.0f); bound %.0f ms", fastest, slowest,
							Calls.millis(outcome.failedNanos(), 50), boundMillis),
					String.format(
							"%d attempts for %d calls, each %.0f-%.0f ms (median %.0f) after the one before; failures %s; connections %d most, %d open 2 s after; threads %d "
									+ "idle, %d peak; heap after GC %s idle, %s most, %s after",
							attempts, calls, gaps[0], gaps[gaps.length - 1], gaps[gaps.length / 2],
							outcome.failureSummary(), mostConnections, openAfter, idleThreads, peakThreads,
							StarterApp.mib(idleHeap), StarterApp.mib(mostHeap), StarterApp.mib(afterHeap)),
					String.format(
							"each call fails with a read timeout after %d attempts, in %.0f to %.0f ms (bound + %.0f ms); threads ≤ idle + 2; "
									+ "heap ≤ idle + 4 MiB; no connection left open",
							maxAttempts, leastMillis, boundMillis + margin, margin),
					met));
		}

	}

}
