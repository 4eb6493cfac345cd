package io.sendpulse.spring.internal.webhook.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.sendpulse.spring.internal.ratelimit.redis.RedisTestServer;
import io.sendpulse.spring.webhook.SendPulseWebhook;
import io.sendpulse.spring.webhook.SmsStatusEvent;
import io.sendpulse.spring.webhook.WebhookSigner;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An application that only receives webhooks (no {@code sendpulse.api-key}), on Spring
 * MVC with a real server, sharing its memory of deliveries through a real Redis: its
 * {@code sendpulse} health shows that store down while Redis is unreachable, and up again
 * by itself.
 */
class RedisWebhookOnlyHealthTests {

	private static final String SECRET = "whsec_webhook_only";

	private static final String PATH = "/webhooks/sendpulse";

	private final WebhookSigner signer = new WebhookSigner(SECRET);

	@Test
	void showsTheDeliveryStoreDownWhileRedisIsUnreachableAndUpOnceItIsBack() throws Exception {
		try (RedisTestServer redis = new RedisTestServer()) {
			redis.start();
			try (ConfigurableApplicationContext context = start("sendpulse.store=redis",
					"spring.data.redis.url=" + redis.url(), "spring.data.redis.timeout=500ms")) {
				HealthIndicator health = context.getBean("sendpulseHealthContributor", HealthIndicator.class);
				Receipts receipts = context.getBean(Receipts.class);
				assertThat(deliver(context, "msg_before")).isEqualTo(200);
				assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);

				redis.stop();
				// Down with no delivery to find it out: the health pings Redis.
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(health.health(true).getStatus()).isEqualTo(Status.DOWN));
				// Accepted and published all the same, from the instance's own memory.
				assertThat(deliver(context, "msg_during")).isEqualTo(200);
				Health down = health.health(true);
				assertThat(down.getStatus()).isEqualTo(Status.DOWN);
				assertThat(String.valueOf(down.getDetails().get("reason")))
					.contains("the webhook delivery store (Redis) is unreachable")
					.doesNotContain(SECRET);

				redis.start();
				await().atMost(Duration.ofSeconds(20))
					.untilAsserted(() -> assertThat(health.health(true).getStatus()).isEqualTo(Status.UP));
				assertThat(deliver(context, "msg_after")).isEqualTo(200);
				assertThat(receipts.published).containsExactly("msg_before", "msg_during", "msg_after");
			}
		}
	}

	@Test
	void hasNoSendPulseHealthWithTheStoreInMemoryWhereNothingCanBeDown() {
		try (ConfigurableApplicationContext context = start()) {
			assertThat(context.getBeansOfType(HealthIndicator.class)).doesNotContainKey("sendpulseHealthContributor");
		}
	}

	@Test
	void canBeTurnedOffLikeTheClientsHealth() {
		try (RedisTestServer redis = new RedisTestServer()) {
			redis.start();
			try (ConfigurableApplicationContext context = start("sendpulse.store=redis",
					"spring.data.redis.url=" + redis.url(), "management.health.sendpulse.enabled=false")) {
				assertThat(context.getBeansOfType(HealthIndicator.class))
					.doesNotContainKey("sendpulseHealthContributor");
			}
		}
	}

	private static ConfigurableApplicationContext start(String... properties) {
		return new SpringApplicationBuilder(WebhookOnly.class)
			.properties("spring.main.web-application-type=servlet", "server.port=0", "server.address=127.0.0.1",
					"spring.main.banner-mode=off", "sendpulse.webhook.secret=" + SECRET)
			.properties(properties)
			.run();
	}

	private int deliver(ConfigurableApplicationContext context, String messageId) throws Exception {
		byte[] body = ("{\"event\":\"sms.delivered\",\"message_id\":\"" + messageId + "-" + UUID.randomUUID()
				+ "\",\"to\":\"+1234567890\",\"status\":\"delivered\",\"timestamp\":\"" + Instant.now() + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		return SignedDeliveries.post(context, PATH, body, this.signer.sign(body));
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(
			excludeName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
					"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
					"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
					"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration" })
	@Import(Receipts.class)
	static class WebhookOnly {

	}

	@SendPulseWebhook(PATH)
	static class Receipts {

		final Queue<String> published = new ConcurrentLinkedQueue<>();

		@EventListener
		void on(SmsStatusEvent event) {
			// Without the random suffix each delivery gets.
			this.published.add(event.messageId().substring(0, event.messageId().indexOf('-')));
		}

	}

}
