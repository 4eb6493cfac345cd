package io.sendpulse.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import io.sendpulse.spring.autoconfigure.SendPulseProperties;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * B1-latency: how long one send takes at a moderate, open-loop load of 1,000 sends a
 * second, for the starter as auto-configured and for both baselines of B1, in alternating
 * rounds. Open loop: each send starts at its scheduled time whether or not earlier ones
 * finished, and its latency counts from that scheduled time, so that a stall is not
 * hidden by the sends it delayed (no coordinated omission).
 */
final class SendLatency {

	private static final int RATE = 1_000;

	private SendLatency() {
	}

	static List<Result> run(Settings settings) {
		Duration round = settings.smoke() ? Duration.ofMillis(200) : Duration.ofSeconds(5);
		int rounds = settings.smoke() ? 1 : 4;
		try (LoadServer server = new LoadServer();
				ClientBench starter = new ClientBench(server, ClientOverhead.AS_AUTO_CONFIGURED)) {
			SendPulseProperties defaults = new SendPulseProperties();
			RawClient plain = RawClient.defaults(server.baseUrl());
			RawClient sameTimeouts = RawClient.withTimeouts(server.baseUrl(), defaults.getConnectTimeout(),
					defaults.getReadTimeout());
			List<Supplier<Mono<?>>> sides = List.of(() -> starter.sms().reactive().send(ClientBench.REQUEST),
					plain::send, sameTimeouts::send);
			List<Histogram> totals = new ArrayList<>();
			int[] failures = new int[sides.size()];
			for (Supplier<Mono<?>> side : sides) {
				// Compiled code first (closed loop), then one unmeasured open-loop round.
				Flux.range(0, settings.smoke() ? 100 : 20_000).flatMap((i) -> side.get(), 16).blockLast();
				openLoop(side, round, new int[1]);
				totals.add(new Histogram(3));
			}
			for (int i = 0; i < rounds; i++) {
				for (int j = 0; j < sides.size(); j++) {
					int side = Rounds.order(i, j, sides.size());
					totals.get(side).add(openLoop(sides.get(side), round, failures));
				}
			}
			return List.of(row("starter, auto-configured", totals.get(0), failures[0]),
					row("raw WebClient, same timeouts", totals.get(2), failures[2]),
					row("default WebClient.builder()", totals.get(1), failures[1]));
		}
	}

	private static Result row(String who, Histogram histogram, int failures) {
		return new Result("B1-latency", "one reactive send at 1,000/s open loop, " + who,
				String.format("p50 %s, p99 %s, p99.9 %s", millis(histogram.getValueAtPercentile(50)),
						millis(histogram.getValueAtPercentile(99)), millis(histogram.getValueAtPercentile(99.9))),
				String.format("max %s, %,d sends, %d failed", millis(histogram.getMaxValue()),
						histogram.getTotalCount(), failures),
				"reported; none failed", failures == 0);
	}

	private static String millis(long nanos) {
		return String.format("%.3f ms", nanos / 1e6);
	}

	/** The latencies, in nanoseconds, of sends started {@link #RATE} a second. */
	private static Histogram openLoop(Supplier<Mono<?>> send, Duration duration, int[] failed) {
		Recorder recorder = new Recorder(3);
		long interval = TimeUnit.SECONDS.toNanos(1) / RATE;
		int count = (int) (duration.toNanos() / interval);
		CountDownLatch done = new CountDownLatch(count);
		AtomicInteger failures = new AtomicInteger();
		AtomicReference<Throwable> firstFailure = new AtomicReference<>();
		long start = System.nanoTime() + interval;
		for (int i = 0; i < count; i++) {
			long scheduled = start + i * interval;
			for (long wait = scheduled - System.nanoTime(); wait > 0; wait = scheduled - System.nanoTime()) {
				LockSupport.parkNanos(wait);
			}
			send.get().subscribe((value) -> {
			}, (ex) -> {
				failures.incrementAndGet();
				firstFailure.compareAndSet(null, ex);
				done.countDown();
			}, () -> {
				recorder.recordValue(System.nanoTime() - scheduled);
				done.countDown();
			});
		}
		try {
			if (!done.await(1, TimeUnit.MINUTES)) {
				throw new IllegalStateException("Sends did not finish", firstFailure.get());
			}
			// Counted, not thrown: a machine stalled by other work can back sends up
			// beyond the connection pool's queue, and the run should still report.
			failed[0] += failures.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		return recorder.getIntervalHistogram();
	}

}
