package io.sendpulse.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;
import java.util.stream.IntStream;

import io.sendpulse.spring.sms.BulkSmsResult;

/**
 * B7: one text to many recipients under the rate limit: time, heap, and requests in
 * flight.
 */
final class BulkSend {

	private BulkSend() {
	}

	static List<Result> run(Settings settings) {
		int recipients = settings.bulkRecipients();
		int limit = settings.bulkLimit();
		List<String> numbers = IntStream.range(0, recipients).mapToObj((i) -> "+1415" + (5_000_000 + i)).toList();
		try (LoadServer server = new LoadServer();
				ClientBench bench = new ClientBench(server, "sendpulse.rate-limit.limit-for-period=" + limit,
						"sendpulse.rate-limit.refresh-period=1s", "sendpulse.rate-limit.timeout=60s",
						"bench.count-in-flight=true")) {
			bench.sms().send(numbers.subList(0, Math.min(100, recipients)), "warm-up");
			MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
			System.gc();
			long before = memory.getHeapMemoryUsage().getUsed();
			server.record();
			ClientBench.MOST_IN_FLIGHT.set(0);
			long start = System.nanoTime();
			BulkSmsResult result = bench.sms().send(numbers, "Sale starts now");
			double seconds = (System.nanoTime() - start) / 1e9;
			System.gc();
			long growth = memory.getHeapMemoryUsage().getUsed() - before;
			int concurrency = 16;
			int mostInFlight = ClientBench.MOST_IN_FLIGHT.get();
			double allowed = recipients / (double) limit + 0.5;
			boolean met = result.sent().size() == recipients && seconds <= allowed && growth <= 32L << 20
					&& mostInFlight <= concurrency;
			return List.of(new Result("B7", "bulk send, " + recipients + " recipients at " + limit + "/s",
					String.format("%.2f s; heap +%.1f MiB (result held)", seconds, growth / 1048576.0),
					"sent " + result.sent().size() + ", most in flight " + mostInFlight + "/" + concurrency,
					String.format("≤ %.1f s, ≤ 32 MiB, in flight ≤ %d", allowed, concurrency), met));
		}
	}

}
