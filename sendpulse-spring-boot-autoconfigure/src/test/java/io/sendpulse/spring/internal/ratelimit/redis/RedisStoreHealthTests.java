package io.sendpulse.spring.internal.ratelimit.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import io.sendpulse.spring.SendPulseRateLimitException;
import io.sendpulse.spring.autoconfigure.SendPulseAutoConfiguration;
import io.sendpulse.spring.internal.webhook.DeliveryStore;
import io.sendpulse.spring.internal.webhook.DeliveryStore.Fingerprint;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With {@code sendpulse.store=redis}, the {@code sendpulse} health shows whether the
 * store can be reached, from what the limiter last saw, and recovers by itself.
 */
class RedisStoreHealthTests {

	private static final String MESSAGE = "{\"id\":\"msg_1\",\"to\":\"+14155550123\",\"status\":\"queued\","
			+ "\"segments\":1,\"cost\":0.0075}";

	@StartStop
	private final MockWebServer api = new MockWebServer();

	@Test
	void showsTheStoreDownWhileRedisIsUnreachableAndUpOnceItIsBack() {
		try (RedisTestServer redis = new RedisTestServer()) {
			redis.start();
			contextRunner(redis)
				.withPropertyValues("sendpulse.sms.from=MyShop", "sendpulse.retry.enabled=false",
						"sendpulse.rate-limit.timeout=1s", "sendpulse.base-url=" + this.api.url("/"))
				.run((context) -> {
					SmsTemplate sms = context.getBean(SmsTemplate.class);
					HealthIndicator health = context.getBean("sendpulseHealthContributor", HealthIndicator.class);
					this.api.enqueue(message());
					sms.send(request());
					Health up = health.health(true);
					assertThat(up.getStatus()).isEqualTo(Status.UP);
					assertThat(up.getDetails()).containsEntry("rateLimiter.store", "redis");

					redis.stop();
					assertThatExceptionOfType(SendPulseRateLimitException.class).isThrownBy(() -> sms.send(request()))
						.withMessageContaining("Redis");
					Health down = health.health(true);
					assertThat(down.getStatus()).isEqualTo(Status.DOWN);
					assertThat(String.valueOf(down.getDetails().get("reason")))
						.contains("the rate-limit store (Redis) is unreachable")
						.doesNotContain("sk-health");

					redis.start();
					this.api.enqueue(message());
					org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
						try {
							sms.send(request());
						}
						catch (SendPulseRateLimitException ex) {
							throw new AssertionError("Redis not back yet", ex);
						}
					});
					assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
				});
		}
	}

	@Test
	void showsRedisGoneAndBackWithNoSendToFindItOut() {
		try (RedisTestServer redis = new RedisTestServer()) {
			redis.start();
			contextRunner(redis)
				.withPropertyValues("sendpulse.sms.from=MyShop", "sendpulse.base-url=" + this.api.url("/"))
				.run((context) -> {
					HealthIndicator health = context.getBean("sendpulseHealthContributor", HealthIndicator.class);
					assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);

					redis.stop();
					org.awaitility.Awaitility.await()
						.atMost(Duration.ofSeconds(20))
						.untilAsserted(() -> assertThat(health.health(true).getStatus()).isEqualTo(Status.DOWN));
					assertThat(String.valueOf(health.health(true).getDetails().get("reason")))
						.contains("the rate-limit store (Redis) is unreachable");

					redis.start();
					org.awaitility.Awaitility.await()
						.atMost(Duration.ofSeconds(30))
						.untilAsserted(() -> assertThat(health.health(true).getStatus()).isEqualTo(Status.UP));
					assertThat(this.api.getRequestCount()).isZero();
				});
		}
	}

	@Test
	void showsTheWebhookStoreDownWhileRedisIsUnreachableAndUpOnceItIsBack() {
		try (RedisTestServer redis = new RedisTestServer()) {
			redis.start();
			contextRunner(redis).run((context) -> {
				HealthIndicator health = context.getBean("sendpulseHealthContributor", HealthIndicator.class);
				// As a webhook endpoint makes it, at its first delivery.
				DeliveryStore store = context.getBean("sendPulseDeliveryStore", DeliveryStore.class);
				claim(store, "body-1");
				assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);

				redis.stop();
				claim(store, "body-2");
				Health down = health.health(true);
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat(String.valueOf(down.getDetails().get("reason")))
					.contains("the webhook delivery store (Redis) is unreachable");

				// Up again by itself, with no delivery to find it out: the health asks.
				redis.start();
				org.awaitility.Awaitility.await()
					.atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(health.health(true).getStatus()).isEqualTo(Status.UP));
			});
		}
	}

	private static ApplicationContextRunner contextRunner(RedisTestServer redis) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
					DataRedisReactiveAutoConfiguration.class, ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, SendPulseAutoConfiguration.class))
			.withPropertyValues("sendpulse.api-key=sk-health", "sendpulse.store=redis",
					"spring.data.redis.url=" + redis.url(), "spring.data.redis.timeout=500ms",
					"spring.reactor.netty.shutdown-quiet-period=20ms");
	}

	// A claim always completes: in Redis, or in this instance's memory while Redis is
	// unreachable.
	private static void claim(DeliveryStore store, String body) {
		Instant now = Instant.now();
		store
			.claim(DeliveryStore.namespace("health"), Fingerprint.of(body.getBytes(StandardCharsets.UTF_8)), now,
					now.plusSeconds(60))
			.join();
	}

	private static MockResponse message() {
		return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(MESSAGE).build();
	}

	private static SmsRequest request() {
		return SmsRequest.builder().to("+14155550123").text("Hello").build();
	}

}
