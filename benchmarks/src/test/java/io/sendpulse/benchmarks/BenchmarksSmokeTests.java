package io.sendpulse.benchmarks;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tiny run of every benchmark, so that {@code ./mvnw verify} proves they still execute.
 * The figures of a run this small mean nothing; the full run is documented in
 * docs/benchmarks.md.
 */
class BenchmarksSmokeTests {

	@Test
	void everyBenchmarkRunsAndReportsAFigure() {
		List<Result> results = Benchmarks.run(Settings.smokeRun(), Set.of());

		assertThat(results).extracting(Result::id)
			.containsExactly("B1", "B1", "B1-observed", "B2", "B2", "B2-observed", "B1-latency", "B1-latency",
					"B1-latency", "B3", "B4", "B4", "B4", "B5", "B6", "B7", "B8", "B8", "B8");
		assertThat(results).allSatisfy((result) -> assertThat(result.figure()).isNotBlank());
	}

	@Test
	void findsTheBusiestSlidingWindow() {
		long second = 1_000_000_000L;
		long[] arrivals = { 0, 100, second - 1, second, second + 50, 3 * second };

		assertThat(RateFidelity.busiestWindow(arrivals, second)).isEqualTo(4);
	}

}
