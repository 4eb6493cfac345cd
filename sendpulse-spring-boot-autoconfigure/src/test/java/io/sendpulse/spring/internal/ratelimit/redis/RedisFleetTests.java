package io.sendpulse.spring.internal.ratelimit.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.sendpulse.spring.Arrivals;
import io.sendpulse.spring.QueuedApi;
import io.sendpulse.spring.SendPulseRateLimitException;
import io.sendpulse.spring.autoconfigure.SendPulseAutoConfiguration;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Several application instances (separate contexts, limiters and Redis connections)
 * sharing one API key, one real Redis server and one loopback API server that records
 * when each request arrives and answers after a random 0-50 ms.
 */
class RedisFleetTests {

	private static RedisTestServer redis;

	// A key of its own for each test, so that no test finds another's places held.
	private final String apiKey = "sk-fleet-" + UUID.randomUUID();

	private final QueuedApi api = new QueuedApi(50);

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@BeforeAll
	static void startRedis() {
		redis = new RedisTestServer();
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@AfterEach
	void stop() {
		this.api.close();
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void threeInstancesTogetherNeverPutMoreThanTheLimitIntoAnyWindowAndReachIt() {
		// A period long against what a loaded machine adds to a round trip.
		int limit = 20;
		Duration period = Duration.ofSeconds(2);
		List<SmsTemplate> fleet = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			fleet.add(start("sendpulse.rate-limit.limit-for-period=" + limit, "sendpulse.rate-limit.refresh-period=2s",
					"sendpulse.rate-limit.timeout=30s")
				.getBean(SmsTemplate.class));
		}
		// Connections to the API and to Redis opened and the script loaded, then every
		// place free again.
		Flux.fromIterable(fleet)
			.flatMap((sms) -> Flux.range(0, 6).flatMap((i) -> sms.reactive().send(request())))
			.blockLast(Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(30)).until(() -> placesHeld() == 0);
		this.api.clearArrivals();

		// Forty callers on each instance, sending over and over for three periods and a
		// half.
		Flux.fromIterable(fleet)
			.flatMap((sms) -> Flux.range(0, 1000).flatMap((i) -> sms.reactive().send(request()), 40))
			.take(period.multipliedBy(7).dividedBy(2))
			.blockLast(Duration.ofSeconds(60));

		List<Long> times = this.api.sortedArrivals();
		assertThat(Arrivals.busiestWindow(times, period)).as("busiest window of %s", period).isLessThanOrEqualTo(limit);
		// Each place serves one request per period plus a round trip: three periods from
		// the first arrival hold three rounds of the limit, unless round trips are slow.
		long inThreePeriods = times.stream().filter((time) -> time - times.get(0) < 3 * period.toNanos()).count();
		assertThat(inThreePeriods).as("arrivals in the first three periods")
			.isGreaterThanOrEqualTo((long) Math.ceil(0.9 * 3 * limit));
	}

	@Test
	void sendsNothingWhileRedisIsDownAndRecoversByItselfWhenItReturns() {
		SmsTemplate sms = start("sendpulse.rate-limit.limit-for-period=5", "sendpulse.rate-limit.timeout=1s")
			.getBean(SmsTemplate.class);
		sms.send(request());
		assertThat(this.api.sortedArrivals()).hasSize(1);

		redis.stop();
		try {
			long start = System.nanoTime();
			assertThatExceptionOfType(SendPulseRateLimitException.class).isThrownBy(() -> sms.send(request()))
				.satisfies((ex) -> {
					assertThat(ex.getStatusCode()).isZero();
					assertThat(ex.getAttempts()).isZero();
					assertThat(ex)
						.hasMessageContaining("nothing was sent (the rate-limit store (Redis) is unreachable");
				});
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
			assertThat(this.api.sortedArrivals()).hasSize(1);
		}
		finally {
			redis.start();
		}

		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> sms.send(request()) != null);
		assertThat(this.api.sortedArrivals()).hasSize(2);
	}

	private ConfigurableApplicationContext start(String... properties) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Instance.class)
			.web(WebApplicationType.NONE)
			.properties("sendpulse.api-key=" + this.apiKey, "sendpulse.sms.from=MyShop", "sendpulse.store=redis",
					"sendpulse.retry.enabled=false", "sendpulse.base-url=" + this.api.baseUrl(),
					"spring.data.redis.url=" + redis.url(), "spring.main.banner-mode=off")
			.properties(properties)
			.run();
		this.instances.add(context);
		return context;
	}

	private long placesHeld() {
		ReactiveStringRedisTemplate template = this.instances.get(0).getBean(ReactiveStringRedisTemplate.class);
		// Places whose hold or bound has not ended yet, on Redis's clock.
		RedisScript<Long> held = RedisScript.of("""
				local t = redis.call('TIME')
				local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
				return redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf')
				""", Long.class);
		return template.execute(held, List.of(RedisPlaceStore.keyPrefix(this.apiKey) + ":places"))
			.next()
			.blockOptional()
			.orElse(0L);
	}

	private static SmsRequest request() {
		return SmsRequest.builder().to("+14155550123").text("Hello").build();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, DataRedisReactiveAutoConfiguration.class,
			WebClientAutoConfiguration.class, SendPulseAutoConfiguration.class })
	static class Instance {

	}

}
