package io.sendpulse.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import io.sendpulse.spring.autoconfigure.SendPulseProperties;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * B1 and B2: the starter's throughput, exactly as auto-configured (its own connector with
 * its connect and read timeouts, no customizer), against two baselines in the same
 * rounds: a default {@code WebClient.builder()} client and a raw client with the
 * starter's default timeouts. The same starter with observations on (a meter registry and
 * an observation registry, as Boot's actuator sets them up) runs in the same rounds too.
 */
final class ClientOverhead {

	private static final int IN_FLIGHT = 64;

	/** The starter as users get it; only the limit is raised, to stay out of the way. */
	static final String[] AS_AUTO_CONFIGURED = { "bench.own-connector=false",
			"sendpulse.rate-limit.limit-for-period=10000000" };

	private ClientOverhead() {
	}

	static List<Result> run(Settings settings) {
		// Four sides take turns, so rounds are half the other benchmarks' size, but as
		// many: a median of 15 holds through a few minutes of a busier machine.
		int requests = settings.smoke() ? settings.requests() : settings.requests() / 2;
		int warmups = Math.min(settings.warmups(), 2);
		int rounds = settings.rounds();
		ExecutorService threads = Executors.newFixedThreadPool(IN_FLIGHT);
		try (LoadServer server = new LoadServer();
				ClientBench starter = new ClientBench(server, AS_AUTO_CONFIGURED);
				ClientBench observed = new ClientBench(server, with(AS_AUTO_CONFIGURED, "bench.observations=true"))) {
			SendPulseProperties defaults = new SendPulseProperties();
			RawClient plain = RawClient.defaults(server.baseUrl());
			RawClient sameTimeouts = RawClient.withTimeouts(server.baseUrl(), defaults.getConnectTimeout(),
					defaults.getReadTimeout());
			double[][] reactive = Rounds.rotate(warmups, rounds,
					() -> reactive(() -> starter.sms().reactive().send(ClientBench.REQUEST), requests),
					() -> reactive(() -> observed.sms().reactive().send(ClientBench.REQUEST), requests),
					() -> reactive(plain::send, requests), () -> reactive(sameTimeouts::send, requests));
			double[][] blocking = Rounds.rotate(warmups, rounds,
					() -> blocking(threads, () -> starter.sms().send(ClientBench.REQUEST), requests),
					() -> blocking(threads, () -> observed.sms().send(ClientBench.REQUEST), requests),
					() -> blocking(threads, () -> plain.send().block(), requests),
					() -> blocking(threads, () -> sameTimeouts.send().block(), requests));
			List<Result> results = new ArrayList<>();
			results.addAll(rows("B1", "reactive send, 64 in flight", reactive));
			results.addAll(rows("B2", "blocking send, 64 threads", blocking));
			return results;
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static List<Result> rows(String id, String what, double[][] figures) {
		double[] starter = figures[0];
		double[] observed = figures[1];
		double[] plain = figures[2];
		double[] sameTimeouts = figures[3];
		return List.of(
				ratio(id, what + ", auto-configured, vs raw WebClient with the same timeouts", starter, sameTimeouts,
						"raw", 0.95),
				ratio(id, what + ", auto-configured, vs default WebClient.builder()", starter, plain, "raw", 0.90),
				ratio(id + "-observed", what + ", observations on (meter registry), vs the same without", observed,
						starter, "unobserved", 0));
	}

	private static Result ratio(String id, String what, double[] candidate, double[] baseline, String of,
			double target) {
		double[] ratios = new double[candidate.length];
		for (int i = 0; i < ratios.length; i++) {
			ratios[i] = candidate[i] / baseline[i];
		}
		double median = Rounds.median(ratios);
		return new Result(id, what,
				String.format("%.3f of %s (%.0f vs %.0f req/s)", median, of, Rounds.median(candidate),
						Rounds.median(baseline)),
				String.format("%.3f-%.3f", Rounds.min(ratios), Rounds.max(ratios)),
				(target > 0) ? String.format("≥ %.2f", target) : "cost reported", median >= target);
	}

	/** Requests per second with {@link #IN_FLIGHT} reactive calls outstanding. */
	private static double reactive(Supplier<Mono<?>> send, int requests) {
		long start = System.nanoTime();
		Long done = Flux.range(0, requests).flatMap((i) -> send.get(), IN_FLIGHT).count().block();
		return perSecond(done, start);
	}

	/** Requests per second from {@link #IN_FLIGHT} threads each blocking on its call. */
	private static double blocking(ExecutorService threads, Runnable send, int requests) {
		int each = requests / IN_FLIGHT;
		long start = System.nanoTime();
		List<Future<?>> futures = new ArrayList<>();
		for (int t = 0; t < IN_FLIGHT; t++) {
			futures.add(threads.submit(() -> {
				for (int i = 0; i < each; i++) {
					send.run();
				}
			}));
		}
		try {
			for (Future<?> future : futures) {
				future.get();
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return perSecond((long) each * IN_FLIGHT, start);
	}

	private static double perSecond(long count, long startNanos) {
		return count / ((System.nanoTime() - startNanos) / 1e9);
	}

	static String[] with(String[] properties, String... more) {
		List<String> all = new ArrayList<>(List.of(properties));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

}
