package io.sendpulse.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

/**
 * The SendPulse API on loopback for the fleet tests: it answers every call with a queued
 * SMS after a random delay, as a real API's round trips vary, and records when each call
 * arrived.
 */
public final class QueuedApi implements AutoCloseable {

	private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();

	private final DisposableServer server;

	/**
	 * Start the API.
	 * @param maxDelayMillis the longest delay before an answer
	 */
	public QueuedApi(int maxDelayMillis) {
		this.server = HttpServer.create()
			.runOn(TestServerLoops.LOOPS)
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> {
				this.arrivals.add(System.nanoTime());
				Duration delay = Duration.ofMillis(ThreadLocalRandom.current().nextInt(maxDelayMillis + 1));
				return response.header("Content-Type", "application/json").sendString(Mono.delay(delay).thenReturn("""
						{"id":"msg_1","to":"+14155550123","status":"queued","segments":1,"cost":0.0075}""")).then();
			})
			.bindNow();
	}

	/**
	 * The base URL to point the starter at.
	 * @return the base URL
	 */
	public String baseUrl() {
		return "http://127.0.0.1:" + this.server.port();
	}

	/**
	 * When the calls so far arrived, on {@link System#nanoTime()}, the earliest first.
	 * @return the arrival times
	 */
	public List<Long> sortedArrivals() {
		List<Long> times = new ArrayList<>(this.arrivals);
		times.sort(null);
		return times;
	}

	/** Forget the arrivals so far. */
	public void clearArrivals() {
		this.arrivals.clear();
	}

	/** Stop the API, giving a loaded machine time to close its connections. */
	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(15));
	}

}
