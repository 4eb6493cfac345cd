package io.sendpulse.spring.internal.webhook.redis;

import java.nio.charset.StandardCharsets;
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
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rolling rotation: while some instances still have the old API key and webhook secret
 * and others the new ones (accepting the old secret too), a delivery whose copies land on
 * both is published once in the fleet.
 */
class RedisWebhookRotationTests {

	private static final String PATH = "/webhooks/sendpulse";

	private static final String OLD_SECRET = "whsec_old";

	@Test
	void publishesADeliveryOnceAcrossInstancesOnTheOldAndTheNewKeyAndSecret() throws Exception {
		try (RedisTestServer redis = new RedisTestServer();
				ConfigurableApplicationContext old = start(redis, "sendpulse.api-key=sk-old-" + UUID.randomUUID(),
						"sendpulse.webhook.secret=" + OLD_SECRET);
				ConfigurableApplicationContext rotated = start(redis, "sendpulse.api-key=sk-new-" + UUID.randomUUID(),
						"sendpulse.webhook.secret=whsec_new", "sendpulse.webhook.additional-secrets=" + OLD_SECRET)) {
			// SendPulse signs with the old secret until the account's secret is changed.
			byte[] body = ("{\"event\":\"sms.delivered\",\"message_id\":\"msg_rotation\",\"to\":\"+1234567890\","
					+ "\"status\":\"delivered\",\"timestamp\":\"" + Instant.now() + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			String signature = new WebhookSigner(OLD_SECRET).sign(body);

			assertThat(SignedDeliveries.post(old, PATH, body, signature)).isEqualTo(200);
			assertThat(SignedDeliveries.post(rotated, PATH, body, signature)).isEqualTo(200);

			assertThat(old.getBean(Receipts.class).published).containsExactly("msg_rotation");
			assertThat(rotated.getBean(Receipts.class).published).isEmpty();
		}
	}

	private static ConfigurableApplicationContext start(RedisTestServer redis, String... properties) {
		return new SpringApplicationBuilder(Instance.class)
			.properties("spring.main.web-application-type=servlet", "server.port=0", "server.address=127.0.0.1",
					"spring.main.banner-mode=off", "sendpulse.store=redis", "spring.data.redis.url=" + redis.url())
			.properties(properties)
			.run();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(
			excludeName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
					"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
					"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
					"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration" })
	@Import(Receipts.class)
	static class Instance {

	}

	@SendPulseWebhook(PATH)
	static class Receipts {

		final Queue<String> published = new ConcurrentLinkedQueue<>();

		@EventListener
		void on(SmsStatusEvent event) {
			this.published.add(event.messageId());
		}

	}

}
