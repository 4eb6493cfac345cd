package io.sendpulse.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * B9-B12: the starter as auto-configured against an API that is slow, never answers, or
 * answers 429 to everything.
 */
final class Faults {

	private Faults() {
	}

	static List<Result> run(Settings settings, Set<String> chosen) {
		List<Result> results = new ArrayList<>();
		if (chosen.isEmpty() || chosen.contains("B9")) {
			results.addAll(SlowApi.run(settings));
		}
		if (chosen.isEmpty() || chosen.contains("B10")) {
			results.addAll(NoAnswer.run(settings));
		}
		if (chosen.isEmpty() || chosen.contains("B11")) {
			results.addAll(RetryAfterStorm.run(settings));
		}
		if (chosen.isEmpty() || chosen.contains("B12")) {
			results.addAll(InFlightMemory.run(settings));
		}
		return results;
	}

}
