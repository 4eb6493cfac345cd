package io.sendpulse.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

/**
 * B3: 256 concurrent callers against the shared limiter, what the server sees: a matrix
 * of limits and server latencies (one cell in a smoke run).
 * <p>
 * The design holds each place from the moment a request is let through until one period
 * after its response, so a saturated limiter achieves
 * {@code limit × period / (period + mean round trip)}; the round trip is measured by a
 * {@code WebClient} filter on the starter's own requests.
 */
final class RateFidelity {

	private static final int[] LIMITS = { 1, 5, 20, 200, 1000 };

	/** Server latency: none, and a random 0-100 ms (50 ms on average). */
	private static final int[] LATENCIES = { 0, 100 };

	private static final Duration PERIOD = Duration.ofSeconds(1);

	private static final Duration WARM_UP = Duration.ofSeconds(3);

	private RateFidelity() {
	}

	static List<Result> run(Settings settings) {
		List<Result> results = new ArrayList<>();
		try (LoadServer server = new LoadServer()) {
			if (settings.smoke()) {
				results.add(cell(settings, server, settings.fidelityLimit(), 0));
			}
			else {
				for (int latency : LATENCIES) {
					for (int limit : LIMITS) {
						results.add(cell(settings, server, limit, latency));
					}
				}
			}
		}
		return results;
	}

	private static Result cell(Settings settings, LoadServer server, int limit, int maxLatencyMillis) {
		Duration duration = settings.fidelityDuration();
		server.latency(maxLatencyMillis);
		try (ClientBench bench = new ClientBench(server, "sendpulse.rate-limit.limit-for-period=" + limit,
				"sendpulse.rate-limit.refresh-period=" + PERIOD.toMillis() + "ms", "sendpulse.rate-limit.timeout=60s",
				"bench.measure-round-trips=true")) {
			// Warm up into the steady state the design's formula describes (connections
			// open, code compiled, places cycling), then measure: one run of callers,
			// recording from a point in its middle.
			Duration warmUp = settings.smoke() ? Duration.ZERO : WARM_UP;
			Flux.range(0, Integer.MAX_VALUE)
				.flatMap((i) -> bench.sms().reactive().send(ClientBench.REQUEST), 256)
				.take(warmUp.plus(duration))
				.doOnSubscribe((subscription) -> Schedulers.parallel().schedule(() -> {
					server.record();
					ClientBench.ROUND_TRIP_NANOS.set(0);
					ClientBench.ROUND_TRIPS.set(0);
				}, warmUp.toMillis(), TimeUnit.MILLISECONDS))
				.blockLast(warmUp.plus(duration).plusMinutes(1));
			long[] arrivals = server.arrivals();
			int busiest = busiestWindow(arrivals, PERIOD.toNanos());
			double roundTripMillis = ClientBench.ROUND_TRIP_NANOS.get() / 1e6
					/ Math.max(1, ClientBench.ROUND_TRIPS.get());
			double periodMillis = PERIOD.toMillis();
			double design = limit * periodMillis / (periodMillis + roundTripMillis);
			double achieved = achievedRate(arrivals, limit);
			boolean met = busiest <= limit && achieved >= 0.97 * design;
			String latency = (maxLatencyMillis == 0) ? "no server latency"
					: "server latency 0-" + maxLatencyMillis + " ms";
			return new Result("B3", "rate fidelity, 256 callers, limit " + limit + "/s, " + latency + ", "
					+ (duration.toMillis() / 1000.0) + " s after " + (warmUp.toMillis() / 1000.0) + " s of warm-up",
					String.format("busiest 1-s window %d; %.2f/s = %.1f%% of design (%.2f/s)", busiest, achieved,
							100 * achieved / design, design),
					String.format("%d requests, mean round trip %.1f ms", arrivals.length, roundTripMillis),
					"window ≤ " + limit + ", rate ≥ 97% of design", met);
		}
	}

	/**
	 * Requests per second in steady state: with every place busy, arrival {@code i +
	 * limit} is one place cycle after arrival {@code i}, so the rate is {@code limit}
	 * over the mean of those gaps. That holds whether the places cycle in step (bursts,
	 * where counting arrivals in a fixed span is off by up to a burst) or spread out
	 * (where counting from the first arrival to the last is off by the first burst).
	 */
	static double achievedRate(long[] sortedArrivals, int limit) {
		int gaps = sortedArrivals.length - limit;
		if (gaps <= 0) {
			return 0;
		}
		double totalNanos = 0;
		for (int i = 0; i < gaps; i++) {
			totalNanos += sortedArrivals[i + limit] - sortedArrivals[i];
		}
		return limit / (totalNanos / gaps / 1e9);
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
