package io.sendpulse.benchmarks;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Flux;

/**
 * B3: 256 concurrent callers against the shared limiter; what the server sees.
 */
final class RateFidelity {

	private RateFidelity() {
	}

	static List<Result> run(Settings settings) {
		int limit = settings.fidelityLimit();
		try (LoadServer server = new LoadServer();
				ClientBench bench = new ClientBench(server, "sendpulse.rate-limit.limit-for-period=" + limit,
						"sendpulse.rate-limit.refresh-period=1s", "sendpulse.rate-limit.timeout=60s")) {
			server.record();
			Flux.range(0, Integer.MAX_VALUE)
				.flatMap((i) -> bench.sms().reactive().send(ClientBench.REQUEST), 256)
				.take(settings.fidelityDuration())
				.blockLast(settings.fidelityDuration().plusMinutes(1));
			long[] arrivals = server.arrivals();
			int busiest = busiestWindow(arrivals, Duration.ofSeconds(1).toNanos());
			double seconds = settings.fidelityDuration().toNanos() / 1e9;
			double achieved = arrivals.length / seconds;
			boolean met = busiest <= limit && achieved >= 0.97 * limit;
			return List
				.of(new Result("B3", "rate fidelity, 256 callers, limit " + limit + "/s for " + (long) seconds + " s",
						String.format("busiest 1-s window %d; %.1f/s = %.1f%% of limit", busiest, achieved,
								100 * achieved / limit),
						arrivals.length + " requests", "window ≤ " + limit + ", rate ≥ 97%", met));
		}
	}

	/**
	 * The most arrivals in any window of the given length (two pointers over sorted
	 * times).
	 */
	static int busiestWindow(long[] sortedArrivals, long windowNanos) {
		int most = 0;
		int first = 0;
		for (int last = 0; last < sortedArrivals.length; last++) {
			while (sortedArrivals[last] - sortedArrivals[first] >= windowNanos) {
				first++;
			}
			most = Math.max(most, last - first + 1);
		}
		return most;
	}

}
