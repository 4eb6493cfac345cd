package io.sendpulse.spring.internal.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.sendpulse.spring.Arrivals;
import io.sendpulse.spring.SendPulseConnectionException;
import io.sendpulse.spring.SendPulseRateLimitException;
import io.sendpulse.spring.TestServerLoops;
import io.sendpulse.spring.internal.sms.DefaultReactiveSmsTemplate;
import io.sendpulse.spring.internal.sms.DefaultSmsTemplate;
import io.sendpulse.spring.internal.verify.DefaultReactiveVerifyTemplate;
import io.sendpulse.spring.internal.verify.DefaultVerifyTemplate;
import io.sendpulse.spring.sms.BulkSmsResult;
import io.sendpulse.spring.sms.SmsFailure;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import io.sendpulse.spring.verify.VerificationRequest;
import io.sendpulse.spring.verify.VerifyTemplate;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The shared rate limiter, measured where the API counts it: at a loopback server that
 * records when each request arrives, behind network delays it simulates (a request waits
 * before it "arrives", its response waits before it is sent).
 */
class RateLimitTests {

	private static final Duration PERIOD = Duration.ofMillis(250);

	private final List<Server> servers = new ArrayList<>();

	private final ConnectionProvider connections = ConnectionProvider.builder("rate-limit-tests")
		.maxConnections(512)
		.build();

	// One connector for every client of a test, so that a warm-up opens the connections
	// a burst then uses.
	private final ReactorClientHttpConnector connector = new ReactorClientHttpConnector(
			HttpClient.create(this.connections));

	@AfterEach
	void stop() {
		this.connections.disposeLater().block(Duration.ofSeconds(5));
		this.servers.forEach(Server::stop);
	}

	@Test
	void neverLetsMoreThanTheLimitReachTheServerInAnySlidingWindowWhateverTheDelays() {
		// Each limit against its own server, all at once, to keep the test short: 0-150
		// ms on the way in and on the way back, and a first request that takes 300 ms to
		// arrive, so that later ones could catch up with it.
		int[] limits = { 1, 2, 5, 20, 200 };
		List<Server> servers = new ArrayList<>();
		List<Mono<Long>> runs = new ArrayList<>();
		for (int limit : limits) {
			Server server = server((n) -> (n == 1) ? 300 : random(150), (n) -> random(150), (n) -> 200);
			servers.add(server);
			SmsTemplate sms = sms(client(server, limiter(limit, PERIOD, Duration.ofSeconds(30)), null), 4);
			runs.add(Flux.range(0, 2 * limit + 1).flatMap((i) -> sms.reactive().send(request()), 512).count());
		}

		List<Long> sent = Flux.merge(runs).collectList().block(Duration.ofSeconds(30));

		assertThat(sent).hasSize(limits.length);
		for (int i = 0; i < limits.length; i++) {
			assertThat(servers.get(i).arrivals()).hasSize(2 * limits[i] + 1);
			assertThat(Arrivals.busiestWindow(servers.get(i).arrivals(), PERIOD))
				.as("busiest window at a limit of %d", limits[i])
				.isLessThanOrEqualTo(limits[i]);
		}
	}

	@Test
	void countsEveryRetryAgainstTheLimit() {
		Server server = server((n) -> 0, (n) -> 0, (n) -> (n % 2 == 1) ? 503 : 200);
		Retry retry = Retry.of("test",
				SendPulseResilience.retryConfig(3, Duration.ofMillis(1), 1, Duration.ofMillis(1)));
		SmsTemplate sms = sms(client(server, limiter(1, PERIOD, Duration.ofSeconds(5)), retry), 4);

		Flux.range(0, 2).flatMap((i) -> sms.reactive().send(request())).blockLast(Duration.ofSeconds(10));

		assertThat(server.arrivals()).hasSize(4);
		assertThat(Arrivals.busiestWindow(server.arrivals(), PERIOD)).isOne();
	}

	@Test
	void aBurstOfTheLimitArrivesAtOnceWhenTheWindowIsEmpty() {
		// A long period, so that a limiter spacing the burst out (limit 2: one second
		// apart) is told from a loaded machine delivering it unevenly.
		Duration period = Duration.ofSeconds(2);
		for (int limit : new int[] { 1, 2, 5, 20, 200 }) {
			Server server = server((n) -> 0, (n) -> 0, (n) -> 200);
			// The same burst without a limiter first: it opens the connections, and says
			// how close together this machine can deliver a burst just now.
			Duration unlimited = burstSpread(server, sms(client(server, null, null), 4), limit);
			server.arrivals.clear();

			Duration limited = burstSpread(server,
					sms(client(server, limiter(limit, period, Duration.ofSeconds(5)), null), 4), limit);

			assertThat(limited).as("spread of a burst of %d (%s without a limiter)", limit, unlimited)
				.isLessThan(max(Duration.ofMillis(400), unlimited.multipliedBy(2)));
		}
	}

	@Test
	void cancelledCallersFreeTheirPlaces() {
		// Answers take five seconds: the first two requests hold both places meanwhile.
		Server server = server((n) -> 0, (n) -> (n <= 2) ? 5000 : 0, (n) -> 200);
		RateLimiter limiter = limiter(2, PERIOD, Duration.ofSeconds(10));
		SmsTemplate sms = sms(client(server, limiter, null), 4);
		Disposable kept = sms.reactive().send(request()).subscribe();
		Disposable cancelledInFlight = sms.reactive().send(request()).subscribe();
		await().until(() -> server.arrivals().size() == 2);
		List<Disposable> cancelledWaiting = IntStream.range(0, 3)
			.mapToObj((i) -> sms.reactive().send(request()).subscribe())
			.toList();
		assertThat(limiter.getMetrics().getNumberOfWaitingThreads()).isEqualTo(3);

		cancelledWaiting.forEach(Disposable::dispose);
		assertThat(limiter.getMetrics().getNumberOfWaitingThreads()).isZero();
		long cancelled = System.nanoTime();
		cancelledInFlight.dispose();
		sms.send(request());

		// The cancelled request may have reached the API: its place is held one more
		// period, then it goes to the next caller, long before the first one's answer.
		List<Long> arrivals = server.arrivals();
		assertThat(arrivals).hasSize(3);
		assertThat(Duration.ofNanos(arrivals.get(2) - cancelled)).isBetween(PERIOD, Duration.ofSeconds(3));
		kept.dispose();
	}

	@Test
	void aRequestThatTimesOutFreesItsPlaceOnePeriodAfterTheFailure() {
		// The first answer would take five seconds; the connector gives up after 200 ms.
		Server server = server((n) -> 0, (n) -> (n == 1) ? 5000 : 0, (n) -> 200);
		WebClient.Builder webClient = WebClient.builder()
			.clientConnector(new ReactorClientHttpConnector(
					HttpClient.create(this.connections).responseTimeout(Duration.ofMillis(200))));
		SmsTemplate sms = sms(SendPulseClient.builder(webClient)
			.apiKey("test-key")
			.baseUrl(URI.create(server.baseUrl()))
			.rateLimiter(limiter(1, PERIOD, Duration.ofSeconds(10)))
			.build(), 4);

		assertThatExceptionOfType(SendPulseConnectionException.class).isThrownBy(() -> sms.send(request()));
		sms.send(request());

		List<Long> arrivals = server.arrivals();
		assertThat(arrivals).hasSize(2);
		assertThat(Duration.ofNanos(arrivals.get(1) - arrivals.get(0))).isBetween(PERIOD, Duration.ofSeconds(3));
	}

	@Test
	void waitsForAPlaceWithoutHoldingAThread() {
		Server server = server((n) -> 0, (n) -> 0, (n) -> 200);
		RateLimiter limiter = limiter(1, Duration.ofSeconds(1), Duration.ofSeconds(10));
		SmsTemplate sms = sms(client(server, limiter, null), 4);
		sms.send(request());

		// Fifty callers subscribe from this one thread and it carries on at once.
		List<Disposable> waiting = IntStream.range(0, 50)
			.mapToObj((i) -> sms.reactive().send(request()).subscribe())
			.toList();

		assertThat(limiter.getMetrics().getNumberOfWaitingThreads()).isEqualTo(50);
		waiting.forEach(Disposable::dispose);
		assertThat(limiter.getMetrics().getNumberOfWaitingThreads()).isZero();
	}

	@Test
	void failsUnsentAndSaysWhenAPlaceFreesUpWhenNoneComesWithinTheTimeout() {
		Server server = server((n) -> 0, (n) -> 0, (n) -> 200);
		SmsTemplate sms = sms(client(server, limiter(1, Duration.ofMinutes(1), Duration.ZERO), null), 4);
		sms.send(request());

		assertThatExceptionOfType(SendPulseRateLimitException.class).isThrownBy(() -> sms.send(request()))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isZero();
				assertThat(ex.getAttempts()).isZero();
				assertThat(ex.isRetryable()).isFalse();
				assertThat(ex.getRetryAfter()).isBetween(Duration.ofSeconds(50), Duration.ofMinutes(1));
				assertThat(ex).hasMessageContaining("nothing was sent")
					.hasMessageContaining("a place frees up in")
					.hasMessageContaining("sendpulse.rate-limit");
			});
		assertThat(server.arrivals()).hasSize(1);
	}

	@Test
	void waitsUpToTheTimeoutBeforeRefusing() {
		Server server = server((n) -> 0, (n) -> 0, (n) -> 200);
		SmsTemplate sms = sms(client(server, limiter(1, Duration.ofMinutes(1), Duration.ofMillis(150)), null), 4);
		sms.send(request());

		long start = System.nanoTime();
		assertThatExceptionOfType(SendPulseRateLimitException.class).isThrownBy(() -> sms.send(request()))
			.withMessageContaining("within 150 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
		assertThat(server.arrivals()).hasSize(1);
	}

	@Test
	void sharesOnePlacePoolBetweenTemplates() {
		Server server = server((n) -> 0, (n) -> 0, (n) -> 200);
		SendPulseClient client = client(server, limiter(1, Duration.ofMinutes(1), Duration.ZERO), null);
		sms(client, 4).send(request());

		VerifyTemplate verify = new DefaultVerifyTemplate(new DefaultReactiveVerifyTemplate(client, null, null, null));
		assertThatExceptionOfType(SendPulseRateLimitException.class)
			.isThrownBy(() -> verify.start(VerificationRequest.builder().to("+14155550123").build()));
		assertThat(server.arrivals()).hasSize(1);
	}

	@Test
	void aBulkSendSharesTheLimiterAndReportsAnOutcomePerRecipient() {
		Server server = server((n) -> 0, (n) -> random(20), (n) -> 200);
		// A wait shorter than the period: some recipients find no place in time.
		SendPulseClient client = client(server, limiter(3, PERIOD, Duration.ofMillis(100)), null);
		List<String> recipients = IntStream.range(0, 12).mapToObj((i) -> "+1415555" + (1000 + i)).toList();

		Mono<BulkSmsResult> bulk = sms(client, 4).reactive().send(recipients, "Sale starts now");
		Mono<Long> others = Flux.range(0, 3)
			.flatMap((i) -> sms(client, 4).reactive().send(request()).onErrorResume((ex) -> Mono.empty()))
			.count();
		BulkSmsResult result = Mono.zip(bulk, others).block(Duration.ofSeconds(10)).getT1();

		assertThat(result.sent().size() + result.failures().size()).isEqualTo(12);
		assertThat(result.sent()).isNotEmpty();
		assertThat(result.failures()).isNotEmpty()
			.extracting(SmsFailure::exception)
			.allSatisfy((ex) -> assertThat(ex).isInstanceOf(SendPulseRateLimitException.class)
				.hasMessageContaining("nothing was sent"));
		assertThat(Arrivals.busiestWindow(server.arrivals(), PERIOD)).isLessThanOrEqualTo(3);
	}

	@Test
	void keepsABulkSendWithinItsConcurrency() {
		// Each answer takes 200 ms, so a bulk send that keeps 3 in flight has 3 at the
		// server at
		// once, and a serial one never more than 1.
		Server server = server((n) -> 0, (n) -> 200, (n) -> 200);
		SmsTemplate sms = sms(client(server, limiter(100_000, Duration.ofSeconds(1), Duration.ofSeconds(5)), null), 3);
		List<String> recipients = IntStream.range(0, 15).mapToObj((i) -> "+1415555" + (1000 + i)).toList();

		BulkSmsResult result = sms.send(recipients, "Sale starts now");

		assertThat(result.sent()).hasSize(15);
		assertThat(result.allSent()).isTrue();
		assertThat(server.mostInFlight.get()).isEqualTo(3);
	}

	private static int random(int maxMillis) {
		return ThreadLocalRandom.current().nextInt(maxMillis + 1);
	}

	private static RateLimiter limiter(int limit, Duration period, Duration timeout) {
		return SendPulseResilience.rateLimiter(SendPulseResilience.rateLimiterConfig(limit, period, timeout));
	}

	private Server server(IntFunction<Integer> inboundMillis, IntFunction<Integer> outboundMillis,
			IntFunction<Integer> status) {
		Server server = new Server(inboundMillis, outboundMillis, status);
		this.servers.add(server);
		return server;
	}

	/** Send a burst of {@code size}: how far apart its first and last arrivals were. */
	private static Duration burstSpread(Server server, SmsTemplate sms, int size) {
		Flux.range(0, size).flatMap((i) -> sms.reactive().send(request()), 512).blockLast(Duration.ofSeconds(10));
		List<Long> arrivals = server.arrivals();
		assertThat(arrivals).hasSize(size);
		return Duration.ofNanos(arrivals.get(arrivals.size() - 1) - arrivals.get(0));
	}

	private static Duration max(Duration one, Duration other) {
		return (one.compareTo(other) >= 0) ? one : other;
	}

	private SendPulseClient client(Server server, @Nullable RateLimiter limiter, @Nullable Retry retry) {
		return SendPulseClient.builder(WebClient.builder().clientConnector(this.connector))
			.apiKey("test-key")
			.baseUrl(URI.create(server.baseUrl()))
			.rateLimiter(limiter)
			.retry(retry)
			.build();
	}

	private static SmsTemplate sms(SendPulseClient client, int bulkConcurrency) {
		return new DefaultSmsTemplate(new DefaultReactiveSmsTemplate(client, "MyShop", bulkConcurrency));
	}

	private static SmsRequest request() {
		return SmsRequest.builder().to("+14155550123").text("Hello").build();
	}

	/**
	 * A loopback API that delays each request before it "arrives" (when it is recorded)
	 * and its response after, as a network would.
	 */
	private static final class Server {

		private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();

		private final AtomicInteger requests = new AtomicInteger();

		private final AtomicInteger inFlight = new AtomicInteger();

		private final AtomicInteger mostInFlight = new AtomicInteger();

		private final DisposableServer server;

		Server(IntFunction<Integer> inboundMillis, IntFunction<Integer> outboundMillis, IntFunction<Integer> status) {
			this.server = HttpServer.create()
				.runOn(TestServerLoops.LOOPS)
				.host("127.0.0.1")
				.port(0)
				.handle((request, response) -> {
					int n = this.requests.incrementAndGet();
					String body = request.uri().startsWith("/v1/verify") ? """
							{"request_id":"vrf_1","to":"+14155550123","channel":"sms","status":"pending"}""" : """
							{"id":"msg_1","to":"+14155550123","status":"queued","segments":1,"cost":0.0075}""";
					return request.receive()
						.then()
						.then(Mono.delay(Duration.ofMillis(inboundMillis.apply(n))))
						.doOnNext((tick) -> {
							this.arrivals.add(System.nanoTime());
							this.mostInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
						})
						.then(Mono.delay(Duration.ofMillis(outboundMillis.apply(n))))
						.then(Mono.defer(() -> {
							this.inFlight.decrementAndGet();
							return response.status(status.apply(n))
								.header("Content-Type", "application/json")
								.sendString(Mono.just(body))
								.then();
						}));
				})
				.bindNow();
		}

		String baseUrl() {
			return "http://127.0.0.1:" + this.server.port();
		}

		List<Long> arrivals() {
			List<Long> sorted = new ArrayList<>(this.arrivals);
			Collections.sort(sorted);
			return sorted;
		}

		void stop() {
			this.server.disposeNow();
		}

	}

}
