package io.sendpulse.benchmarks;

import java.time.Duration;
import java.util.List;

/**
 * B11: a 429 storm, every answer 429 with {@code Retry-After: 1}. The attempts stay
 * bounded by the retry settings (calls × max-attempts at most), and every retry waits the
 * second the API asked for.
 */
final class RetryAfterStorm {

	private RetryAfterStorm() {
	}

	static List<Result> run(Settings settings) {
		int maxAttempts = 3;
		int calls = 50;
		int inFlight = calls;
		double retryAfterMillis = 1_000;
		double lateMillis = settings.smoke() ? 1_000 : 250;
		// The defaults but the rate limit: 3 attempts, a Retry-After up to the 10 s
		// max-backoff wins over the computed backoff.
		try (FaultServer server = new FaultServer(FaultServer.Fault.TOO_MANY_REQUESTS, Duration.ZERO);
				StarterApp app = new StarterApp(server, "sendpulse.retry.max-attempts=" + maxAttempts,
						"sendpulse.rate-limit.limit-for-period=1000000")) {
			// Warm: the failure path compiled and the connections open.
			Calls.send(app.sms(), Math.min(calls, 50), Math.min(calls, 50));
			server.reset();
			Calls outcome = Calls.send(app.sms(), calls, inFlight);
			double[] gaps = server.gapsMillis();
			int mostAttempts = server.attempts().values().stream().mapToInt(List::size).max().orElse(0);
			int fewestAttempts = server.attempts().values().stream().mapToInt(List::size).min().orElse(0);
			int attempts = server.requests();
			double shortestGap = gaps[0];
			double longestGap = gaps[gaps.length - 1];
			double medianGap = gaps[gaps.length / 2];
			boolean limited = outcome.failures().keySet().stream().allMatch((failure) -> failure.contains("429"));
			boolean met = outcome.failed() == calls && limited && attempts <= calls * maxAttempts
					&& server.attempts().size() == calls && mostAttempts <= maxAttempts
					&& shortestGap >= retryAfterMillis && medianGap <= retryAfterMillis + lateMillis;
			return List.of(new Result("B11",
					"429 storm (every answer 429, Retry-After: 1), " + calls + " reactive sends, " + inFlight
							+ " in flight, max-attempts " + maxAttempts,
					String.format("%d attempts for %d calls (%.2f per call, %d-%d)", attempts, calls,
							attempts / (double) calls, fewestAttempts, mostAttempts),
					String.format(
							"retries waited %.0f-%.0f ms (median %.0f) after the 429; calls ended in %.0f-%.0f ms; failures %s",
							shortestGap, longestGap, medianGap, Calls.millis(outcome.failedNanos(), 0),
							Calls.millis(outcome.failedNanos(), 100), outcome.failureSummary()),
					String.format(
							"≤ %d attempts (calls × max-attempts); no retry sooner than %.0f ms after the 429, median ≤ %.0f ms",
							calls * maxAttempts, retryAfterMillis, retryAfterMillis + lateMillis),
					met));
		}
	}

}
