package io.sendpulse.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A loopback SendPulse API that misbehaves the way real ones do: it answers late, never,
 * or only 429. Waiting holds no thread (a timer, not a sleep), on one event loop of its
 * own. It counts the connections open and, per {@code Idempotency-Key}, when each attempt
 * arrived.
 */
final class FaultServer implements AutoCloseable {

	private static final String SENT = """
			{"id":"msg_9f8a7b6c","to":"+14155550123","status":"queued","segments":1,"cost":0.0075}""";

	private static final String TOO_MANY = """
			{"error":{"code":"rate_limited","message":"Too many requests"}}""";

	enum Fault {

		/** Answer 200 after the delay. */
		SLOW,
		/** Read the request and never answer. */
		SILENT,
		/** Answer 429 with {@code Retry-After: 1} at once. */
		TOO_MANY_REQUESTS

	}

	private final LoopResources loops = LoopResources.create("fault-server", 1, true);

	private final AtomicInteger openConnections = new AtomicInteger();

	private final AtomicInteger mostOpenConnections = new AtomicInteger();

	private final AtomicInteger requests = new AtomicInteger();

	private final Map<String, List<Long>> attempts = new ConcurrentHashMap<>();

	private final DisposableServer server;

	private volatile Duration delay;

	FaultServer(Fault fault, Duration delay) {
		this.delay = delay;
		// Channels, not connection callbacks: those come once per request on a kept-alive
		// connection.
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.runOn(this.loops)
			.doOnChannelInit((observer, channel, address) -> {
				this.mostOpenConnections.accumulateAndGet(this.openConnections.incrementAndGet(), Math::max);
				channel.closeFuture().addListener((future) -> this.openConnections.decrementAndGet());
			})
			.handle((request, response) -> {
				long arrived = System.nanoTime();
				this.requests.incrementAndGet();
				String key = request.requestHeaders().get("Idempotency-Key");
				if (key != null) {
					this.attempts.computeIfAbsent(key, (k) -> new CopyOnWriteArrayList<>()).add(arrived);
				}
				return switch (fault) {
					case SLOW -> request.receive()
						.then()
						.then(Mono.defer(() -> Mono.delay(this.delay)))
						.then(response.header("Content-Type", "application/json").sendString(Mono.just(SENT)).then());
					case SILENT -> request.receive().then().then(Mono.never());
					case TOO_MANY_REQUESTS -> request.receive()
						.then()
						.then(response.status(429)
							.header("Content-Type", "application/json")
							.header("Retry-After", "1")
							.sendString(Mono.just(TOO_MANY))
							.then());
				};
			})
			.bindNow();
	}

	/** How long a slow answer waits, from now on. */
	void delay(Duration delay) {
		this.delay = delay;
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.port());
	}

	int openConnections() {
		return this.openConnections.get();
	}

	/** The most connections open at once since the last {@link #reset()}. */
	int mostOpenConnections() {
		return this.mostOpenConnections.get();
	}

	int requests() {
		return this.requests.get();
	}

	/** Arrival times (nanoTime) of each call's attempts, by {@code Idempotency-Key}. */
	Map<String, List<Long>> attempts() {
		return this.attempts;
	}

	/**
	 * The time between each attempt of a call and the one before, for every call, sorted,
	 * in milliseconds (an empty call list gives {@code [NaN]}).
	 */
	double[] gapsMillis() {
		double[] gaps = this.attempts.values().stream().flatMapToDouble((arrivals) -> {
			long[] sorted = arrivals.stream().mapToLong(Long::longValue).sorted().toArray();
			return java.util.stream.IntStream.range(1, sorted.length)
				.mapToDouble((i) -> (sorted[i] - sorted[i - 1]) / 1e6);
		}).sorted().toArray();
		return (gaps.length > 0) ? gaps : new double[] { Double.NaN };
	}

	void reset() {
		this.requests.set(0);
		this.mostOpenConnections.set(this.openConnections.get());
		this.attempts.clear();
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.loops.disposeLater().block();
	}

}
