package io.sendpulse.spring;

import java.time.Duration;
import java.util.Collection;

/**
 * What the rate-limit tests measure of the requests that reached a server.
 */
public final class Arrivals {

	private Arrivals() {
	}

	/**
	 * The most arrivals in any window of the given length (two pointers over the sorted
	 * times).
	 * @param arrivals the arrival times, on {@link System#nanoTime()}, in any order
	 * @param window the window's length
	 * @return the most arrivals in one window
	 */
	public static int busiestWindow(Collection<Long> arrivals, Duration window) {
		long[] sorted = arrivals.stream().mapToLong(Long::longValue).sorted().toArray();
		int most = 0;
		int first = 0;
		for (int last = 0; last < sorted.length; last++) {
			while (sorted[last] - sorted[first] >= window.toNanos()) {
				first++;
			}
			most = Math.max(most, last - first + 1);
		}
		return most;
	}

}
