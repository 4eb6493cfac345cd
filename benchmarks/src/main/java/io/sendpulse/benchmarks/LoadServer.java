package io.sendpulse.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

/**
 * A loopback stand-in for the SendPulse API that does as little as possible, on event
 * loops of its own, so that the client is what is measured. It can record arrival times
 * and delay requests.
 */
final class LoadServer implements AutoCloseable {

	private static final String SENT = """
			{"id":"msg_9f8a7b6c","to":"+14155550123","status":"queued","segments":1,"cost":0.0075}""";

	private final LoopResources loops = LoopResources.create("bench-server", 1, true);

	private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();

	private final DisposableServer server;

	private volatile boolean recording;

	private volatile int maxLatencyMillis;

	LoadServer() {
		this.server = HttpServer.create().host("127.0.0.1").port(0).runOn(this.loops).handle((request, response) -> {
			int latency = this.maxLatencyMillis;
			if (latency == 0) {
				if (this.recording) {
					this.arrivals.add(System.nanoTime());
				}
				return request.receive()
					.then()
					.then(response.header("Content-Type", "application/json").sendString(Mono.just(SENT)).then());
			}
			// The request "arrives" (is recorded) only after its delay: the way a network
			// that delays requests unevenly would bunch them at the API.
			return request.receive()
				.then()
				.then(Mono.delay(Duration.ofMillis(ThreadLocalRandom.current().nextInt(latency + 1))))
				.doOnNext((tick) -> {
					if (this.recording) {
						this.arrivals.add(System.nanoTime());
					}
				})
				.then(response.header("Content-Type", "application/json").sendString(Mono.just(SENT)).then());
		}).bindNow();
	}

	URI baseUrl() {
		return URI.create("http://127.0.0.1:" + this.server.port());
	}

	/**
	 * Delay each request by a random 0 to {@code maxMillis} before it arrives (0, the
	 * default, for none).
	 */
	void latency(int maxMillis) {
		this.maxLatencyMillis = maxMillis;
	}

	/** Start recording arrivals, forgetting earlier ones. */
	void record() {
		this.arrivals.clear();
		this.recording = true;
	}

	long[] arrivals() {
		return this.arrivals.stream().mapToLong(Long::longValue).sorted().toArray();
	}

	@Override
	public void close() {
		this.server.disposeNow();
		this.loops.disposeLater().block();
	}

}
