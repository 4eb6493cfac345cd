package io.sendpulse.benchmarks;

import java.util.List;

/**
 * B1 and B2: the starter's throughput against raw WebClient doing the same POST.
 */
final class ClientOverhead {

	private ClientOverhead() {
	}

	static List<Result> run(Settings settings) {
		try (LoadServer server = new LoadServer();
				ClientBench bench = new ClientBench(server, "sendpulse.rate-limit.limit-for-period=10000000")) {
			Rounds reactive = Rounds.alternate(settings.warmups(), settings.rounds(),
					() -> bench.reactive(true, settings.requests(), 64),
					() -> bench.reactive(false, settings.requests(), 64));
			Rounds blocking = Rounds.alternate(settings.warmups(), settings.rounds(),
					() -> bench.blocking(true, settings.requests(), 64),
					() -> bench.blocking(false, settings.requests(), 64));
			return List.of(ratio("B1", "reactive send, 64 in flight, vs raw WebClient", reactive, 0.95),
					ratio("B2", "blocking send, 64 threads, vs raw WebClient + block()", blocking, 0.90));
		}
	}

	private static Result ratio(String id, String what, Rounds rounds, double target) {
		double[] ratios = rounds.ratios();
		double median = Rounds.median(ratios);
		return new Result(id, what,
				String.format("%.3f of raw (%.0f vs %.0f req/s)", median, Rounds.median(rounds.candidate()),
						Rounds.median(rounds.baseline())),
				String.format("%.3f-%.3f", Rounds.min(ratios), Rounds.max(ratios)), String.format("≥ %.2f", target),
				median >= target);
	}

}
