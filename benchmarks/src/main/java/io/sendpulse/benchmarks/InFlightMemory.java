package io.sendpulse.benchmarks;

import java.time.Duration;
import java.util.List;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * B12: the heap each request in flight holds: 1,000 reactive sends outstanding against a
 * server that does not answer for a minute (the rate limit set not to bind), less the
 * idle heap over a warm connection pool, divided by 1,000.
 */
final class InFlightMemory {

	/** The target, also what B9 and B10 allow per request in flight. */
	static final long TARGET_BYTES = 16 * 1024;

	private InFlightMemory() {
	}

	static List<Result> run(Settings settings) {
		try {
			return measure(settings);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static List<Result> measure(Settings settings) throws InterruptedException {
		int inFlight = settings.smoke() ? 100 : 1_000;
		try (FaultServer server = new FaultServer(FaultServer.Fault.SLOW, Duration.ofMillis(10));
				StarterApp app = new StarterApp(server, "sendpulse.rate-limit.limit-for-period=1000000")) {
			// Warm: the code compiled and the pool's connections open, as in a running
			// application.
			for (int i = 0; i < (settings.smoke() ? 1 : 3); i++) {
				Calls.send(app.sms(), inFlight, inFlight);
			}
			server.delay(Duration.ofMinutes(1));
			long idleHeap = StarterApp.heapAfterGc();
			server.reset();
			Disposable sends = Flux.range(0, inFlight)
				.flatMap((i) -> app.sms().reactive().send(ClientBench.REQUEST).onErrorResume((ex) -> Mono.empty()),
						inFlight)
				.subscribe();
			int atServer = Math.min(inFlight, SlowApi.CONNECTIONS);
			long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (server.requests() < atServer && System.nanoTime() < until) {
				Thread.onSpinWait();
			}
			long busyHeap = StarterApp.heapAfterGc();
			int reached = server.requests();
			sends.dispose();
			// A place in the rate limiter is held one period (1 s) after its request
			// ended.
			Thread.sleep(1_500);
			long afterHeap = StarterApp.heapAfterGc();
			double perRequest = (busyHeap - idleHeap) / (double) inFlight;
			boolean met = reached == atServer && perRequest <= TARGET_BYTES && afterHeap - idleHeap <= (2L << 20);
			return List.of(new Result("B12", "heap per request in flight, " + inFlight + " reactive sends outstanding",
					String.format("%.1f KiB per request", perRequest / 1024),
					String.format(
							"heap after GC %s idle (%d connections open), %s with %d in flight (%d at the server, the rest "
									+ "waiting for a connection), %s after they were cancelled",
							StarterApp.mib(idleHeap), server.openConnections(), StarterApp.mib(busyHeap), inFlight,
							reached, StarterApp.mib(afterHeap)),
					String.format("≤ %d KiB per request; ≤ idle + 2 MiB after", TARGET_BYTES / 1024), met));
		}
	}

}
