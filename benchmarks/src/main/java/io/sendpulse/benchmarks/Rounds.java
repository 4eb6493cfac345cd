package io.sendpulse.benchmarks;

import java.util.Arrays;
import java.util.function.DoubleSupplier;

/**
 * Alternating measured rounds of a candidate and its baseline, so that both see the same
 * machine; the figure is the median of the per-round ratios.
 */
record Rounds(double[] candidate, double[] baseline) {

	static Rounds alternate(int warmups, int rounds, DoubleSupplier candidate, DoubleSupplier baseline) {
		for (int i = 0; i < warmups; i++) {
			baseline.getAsDouble();
			candidate.getAsDouble();
		}
		double[] c = new double[rounds];
		double[] b = new double[rounds];
		for (int i = 0; i < rounds; i++) {
			// Swap the order each round so neither side always runs on a warmer machine.
			if (i % 2 == 0) {
				b[i] = baseline.getAsDouble();
				c[i] = candidate.getAsDouble();
			}
			else {
				c[i] = candidate.getAsDouble();
				b[i] = baseline.getAsDouble();
			}
		}
		return new Rounds(c, b);
	}

	/**
	 * Alternating measured rounds of several sides: the order rotates each round so that
	 * no side always runs first or last, and runs backwards every other cycle of
	 * rotations so that of any two sides each runs before the other as often (over every
	 * two full cycles).
	 * @return per side, its rounds' figures
	 */
	static double[][] rotate(int warmups, int rounds, DoubleSupplier... sides) {
		for (int i = 0; i < warmups; i++) {
			for (DoubleSupplier side : sides) {
				side.getAsDouble();
			}
		}
		double[][] figures = new double[sides.length][rounds];
		for (int i = 0; i < rounds; i++) {
			for (int j = 0; j < sides.length; j++) {
				int side = order(i, j, sides.length);
				figures[side][i] = sides[side].getAsDouble();
			}
		}
		return figures;
	}

	/**
	 * The side that runs {@code position}th in round {@code round}.
	 */
	static int order(int round, int position, int sides) {
		boolean backwards = (round / sides) % 2 == 1;
		return backwards ? (round + sides - position) % sides : (round + position) % sides;
	}

	double[] ratios() {
		double[] ratios = new double[this.candidate.length];
		for (int i = 0; i < ratios.length; i++) {
			ratios[i] = this.candidate[i] / this.baseline[i];
		}
		return ratios;
	}

	static double median(double[] values) {
		double[] sorted = values.clone();
		Arrays.sort(sorted);
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	static double min(double[] values) {
		return Arrays.stream(values).min().orElse(Double.NaN);
	}

	static double max(double[] values) {
		return Arrays.stream(values).max().orElse(Double.NaN);
	}

}
