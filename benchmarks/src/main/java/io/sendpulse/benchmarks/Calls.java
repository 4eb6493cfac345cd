package io.sendpulse.benchmarks;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import io.sendpulse.spring.sms.SmsTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Many reactive sends with a bounded number in flight, each timed from its subscription
 * to its outcome; failures counted by exception type and message.
 *
 * @param ok calls that succeeded
 * @param failures failed calls by "type: message"
 * @param okNanos the durations of the calls that succeeded, sorted
 * @param failedNanos the durations of the calls that failed, sorted
 */
record Calls(int ok, Map<String, Integer> failures, long[] okNanos, long[] failedNanos) {

	static Calls send(SmsTemplate sms, int calls, int inFlight) {
		AtomicInteger ok = new AtomicInteger();
		Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
		ConcurrentLinkedQueue<Long> okNanos = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<Long> failedNanos = new ConcurrentLinkedQueue<>();
		Flux.range(0, calls).flatMap((i) -> Mono.defer(() -> {
			long start = System.nanoTime();
			return sms.reactive().send(ClientBench.REQUEST).doOnNext((message) -> {
				okNanos.add(System.nanoTime() - start);
				ok.incrementAndGet();
			}).onErrorResume((ex) -> {
				failedNanos.add(System.nanoTime() - start);
				failures
					.computeIfAbsent(ex.getClass().getSimpleName() + ": " + ex.getMessage(),
							(key) -> new AtomicInteger())
					.incrementAndGet();
				return Mono.empty();
			});
		}), inFlight).then().block(Duration.ofMinutes(5));
		Map<String, Integer> counted = new java.util.TreeMap<>();
		failures.forEach((key, count) -> counted.put(key, count.get()));
		return new Calls(ok.get(), counted, sorted(okNanos), sorted(failedNanos));
	}

	private static long[] sorted(ConcurrentLinkedQueue<Long> nanos) {
		long[] values = nanos.stream().mapToLong(Long::longValue).toArray();
		Arrays.sort(values);
		return values;
	}

	int failed() {
		return this.failures.values().stream().mapToInt(Integer::intValue).sum();
	}

	/** The {@code p}-th percentile (0-100) of sorted durations, in milliseconds. */
	static double millis(long[] sortedNanos, double p) {
		if (sortedNanos.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(p / 100 * sortedNanos.length) - 1);
		return sortedNanos[Math.max(index, 0)] / 1e6;
	}

	/** The failures, or "none", for a results row. */
	String failureSummary() {
		return this.failures.isEmpty() ? "none" : List.copyOf(this.failures.entrySet()).toString();
	}

}
