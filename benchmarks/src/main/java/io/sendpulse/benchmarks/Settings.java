package io.sendpulse.benchmarks;

import java.time.Duration;

/**
 * How big a run is: the full run, or a smoke run that only proves the benchmarks still
 * work.
 *
 * @param smoke whether this is a smoke run
 * @param warmups unmeasured rounds per side
 * @param rounds measured rounds per side
 * @param requests requests per round
 * @param fidelityLimit the rate limit of B3, per second
 * @param fidelityDuration how long B3 runs
 * @param bulkRecipients recipients of B7
 * @param bulkLimit the rate limit of B7, per second
 */
record Settings(boolean smoke, int warmups, int rounds, int requests, int fidelityLimit, Duration fidelityDuration,
		int bulkRecipients, int bulkLimit) {

	static Settings fullRun() {
		return new Settings(false, 5, 15, 40_000, 200, Duration.ofSeconds(10), 10_000, 1_000);
	}

	static Settings smokeRun() {
		return new Settings(true, 1, 1, 200, 50, Duration.ofSeconds(1), 100, 1_000);
	}

}
