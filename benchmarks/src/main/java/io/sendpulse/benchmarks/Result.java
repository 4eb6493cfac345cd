package io.sendpulse.benchmarks;

/**
 * One line of the results table.
 *
 * @param id the benchmark's id, such as {@code B1}
 * @param what what was measured
 * @param figure the figure, with its unit
 * @param spread the min-max of the rounds, or details
 * @param target the target
 * @param met whether the target was met
 */
record Result(String id, String what, String figure, String spread, String target, boolean met) {

	String row() {
		return "| " + this.id + " | " + this.what + " | " + this.figure + " | " + this.spread + " | " + this.target
				+ " | " + (this.met ? "met" : "MISSED") + " |";
	}

}
