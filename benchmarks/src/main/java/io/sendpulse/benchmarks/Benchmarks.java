package io.sendpulse.benchmarks;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Runs the benchmarks of docs/benchmarks.md and prints the results table.
 * <p>
 * {@code ./mvnw -pl benchmarks -am verify -Pbenchmarks -DskipTests}; pass
 * {@code -Dbenchmarks.args="B1 B3"} to run some, {@code --smoke} for a quick check.
 */
public final class Benchmarks {

	private Benchmarks() {
	}

	public static void main(String[] args) {
		Set<String> chosen = new java.util.HashSet<>(Arrays.asList(args));
		boolean smoke = chosen.remove("--smoke");
		List<Result> results = run(smoke ? Settings.smokeRun() : Settings.fullRun(), chosen);
		System.out.println();
		System.out.println("SendPulse benchmarks, " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
				+ " cores, Java " + Runtime.version());
		System.out.println("| # | what | figure (median) | spread | target | |");
		System.out.println("|---|---|---|---|---|---|");
		results.forEach((result) -> System.out.println(result.row()));
		if (!smoke && results.stream().anyMatch((result) -> !result.met())) {
			System.exit(1);
		}
	}

	static List<Result> run(Settings settings, Set<String> chosen) {
		List<Result> results = new ArrayList<>();
		if (wants(chosen, "B1", "B2")) {
			results.addAll(ClientOverhead.run(settings));
		}
		if (wants(chosen, "B1", "B1-latency")) {
			results.addAll(SendLatency.run(settings));
		}
		if (wants(chosen, "B3")) {
			results.addAll(RateFidelity.run(settings));
		}
		if (wants(chosen, "B4")) {
			results.addAll(WebhookIngestion.run(settings));
		}
		if (wants(chosen, "B5")) {
			results.addAll(VerificationSpeed.run(settings));
		}
		if (wants(chosen, "B6")) {
			results.addAll(Startup.run(settings));
		}
		if (wants(chosen, "B7")) {
			results.addAll(BulkSend.run(settings));
		}
		if (wants(chosen, "B8")) {
			results.addAll(RedisStoreCost.run(settings));
		}
		if (wants(chosen, "B9", "B10", "B11", "B12")) {
			results.addAll(Faults.run(settings, chosen));
		}
		return results;
	}

	private static boolean wants(Set<String> chosen, String... ids) {
		return chosen.isEmpty() || Arrays.stream(ids).anyMatch(chosen::contains);
	}

}
