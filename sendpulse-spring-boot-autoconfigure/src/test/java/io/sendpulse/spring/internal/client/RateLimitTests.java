package io.sendpulse.spring.internal.client;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.sendpulse.spring.SendPulseRateLimitException;
import io.sendpulse.spring.internal.sms.DefaultReactiveSmsTemplate;
import io.sendpulse.spring.internal.sms.DefaultSmsTemplate;
import io.sendpulse.spring.internal.verify.DefaultReactiveVerifyTemplate;
import io.sendpulse.spring.internal.verify.DefaultVerifyTemplate;
import io.sendpulse.spring.sms.BulkSmsResult;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import io.sendpulse.spring.verify.VerificationRequest;
import io.sendpulse.spring.verify.VerifyTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The shared rate limiter, measured where it matters: at the server.
 */
class RateLimitTests {

	private final ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final AtomicInteger mostInFlight = new AtomicInteger();

	private DisposableServer server;

	@BeforeEach
	void startServer() {
		this.server = HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			this.arrivals.add(System.nanoTime());
			this.mostInFlight.accumulateAndGet(this.inFlight.incrementAndGet(), Math::max);
			String body = request.uri().startsWith("/v1/verify") ? """
					{"request_id":"vrf_1","to":"+14155550123","channel":"sms","status":"pending"}""" : """
					{"id":"msg_1","to":"+14155550123","status":"queued","segments":1,"cost":0.0075}""";
			return response.header("Content-Type", "application/json")
				.sendString(Mono.delay(Duration.ofMillis(5)).then(Mono.fromCallable(() -> {
					this.inFlight.decrementAndGet();
					return body;
				})))
				.then();
		}).bindNow();
	}

	@AfterEach
	void stopServer() {
		this.server.disposeNow();
	}

	@Test
	void neverLetsMoreThanTheLimitReachTheServerInAnySlidingWindow() {
		// A small limit leaves a generous margin (a quarter of the window) for a loaded
		// machine
		// to delay one arrival more than the next.
		int limit = 5;
		Duration window = Duration.ofSeconds(1);
		SmsTemplate sms = new DefaultSmsTemplate(
				new DefaultReactiveSmsTemplate(client(limiter(limit, window, Duration.ofSeconds(30))), "MyShop", 4));

		Flux.range(0, 16)
			.flatMap((i) -> sms.reactive().send(request()), 16)
			.collectList()
			.block(Duration.ofSeconds(60));

		List<Long> times = new ArrayList<>(this.arrivals);
		Collections.sort(times);
		assertThat(times).hasSize(16);
		for (int i = 0; i + limit < times.size(); i++) {
			assertThat(times.get(i + limit) - times.get(i)).as("arrivals %d to %d", i, i + limit)
				.isGreaterThanOrEqualTo(window.toNanos());
		}
		double perWindow = (times.size() - 1) * (double) window.toNanos()
				/ (times.get(times.size() - 1) - times.get(0));
		assertThat(perWindow).as("achieved rate per window").isGreaterThan((limit - 1) * 0.9);
	}

	@Test
	void failsUnsentWhenNoPermitComesWithinTheTimeout() {
		SmsTemplate sms = new DefaultSmsTemplate(
				new DefaultReactiveSmsTemplate(client(limiter(1, Duration.ofMinutes(1), Duration.ZERO)), "MyShop", 4));
		sms.send(request());

		assertThatExceptionOfType(SendPulseRateLimitException.class).isThrownBy(() -> sms.send(request()))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isZero();
				assertThat(ex.isRetryable()).isFalse();
				assertThat(ex).hasMessageContaining("nothing was sent").hasMessageContaining("sendpulse.rate-limit");
			});
		assertThat(this.arrivals).hasSize(1);
	}

	@Test
	void sharesOnePermitPoolBetweenTemplates() {
		SendPulseClient client = client(limiter(1, Duration.ofMinutes(1), Duration.ZERO));
		new DefaultSmsTemplate(new DefaultReactiveSmsTemplate(client, "MyShop", 4)).send(request());

		VerifyTemplate verify = new DefaultVerifyTemplate(new DefaultReactiveVerifyTemplate(client, null, null, null));
		assertThatExceptionOfType(SendPulseRateLimitException.class)
			.isThrownBy(() -> verify.start(VerificationRequest.builder().to("+14155550123").build()));
		assertThat(this.arrivals).hasSize(1);
	}

	@Test
	void keepsABulkSendWithinItsConcurrency() {
		SmsTemplate sms = new DefaultSmsTemplate(new DefaultReactiveSmsTemplate(
				client(limiter(100_000, Duration.ofSeconds(1), Duration.ofSeconds(5))), "MyShop", 3));
		List<String> recipients = IntStream.range(0, 60).mapToObj((i) -> "+1415555" + (1000 + i)).toList();

		BulkSmsResult result = sms.send(recipients, "Sale starts now");

		assertThat(result.sent()).hasSize(60);
		assertThat(result.allSent()).isTrue();
		assertThat(this.mostInFlight.get()).isBetween(1, 3);
	}

	private static RateLimiter limiter(int limit, Duration period, Duration timeout) {
		return RateLimiter.of("test", SendPulseResilience.rateLimiterConfig(limit, period, timeout));
	}

	private SendPulseClient client(RateLimiter limiter) {
		return SendPulseClient.builder(WebClient.builder())
			.apiKey("test-key")
			.baseUrl(URI.create("http://127.0.0.1:" + this.server.port()))
			.rateLimiter(limiter)
			.build();
	}

	private static SmsRequest request() {
		return SmsRequest.builder().to("+14155550123").text("Hello").build();
	}

}
