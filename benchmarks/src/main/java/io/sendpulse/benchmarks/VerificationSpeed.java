package io.sendpulse.benchmarks;

import java.util.List;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * B5 through JMH: one thread, forked JVMs in the full run.
 */
final class VerificationSpeed {

	private VerificationSpeed() {
	}

	static List<Result> run(Settings settings) {
		Options options = new OptionsBuilder().include(SignatureBenchmark.class.getName())
			.threads(1)
			.forks(settings.smoke() ? 0 : 2)
			.warmupIterations(settings.smoke() ? 1 : 3)
			.warmupTime(TimeValue.seconds(settings.smoke() ? 1 : 2))
			.measurementIterations(settings.smoke() ? 1 : 5)
			.measurementTime(TimeValue.seconds(settings.smoke() ? 1 : 2))
			.shouldDoGC(true)
			.build();
		try {
			RunResult result = new Runner(options).runSingle();
			double perSecond = result.getPrimaryResult().getScore();
			double error = result.getPrimaryResult().getScoreError();
			return List.of(new Result("B5", "verify + parse a 300-byte event, 1 thread (JMH)",
					String.format("%.0f ops/s", perSecond),
					Double.isNaN(error) ? "n/a" : String.format("± %.0f (99.9%%)", error), "≥ 200,000 ops/s",
					perSecond >= 200_000));
		}
		catch (RunnerException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
