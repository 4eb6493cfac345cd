package io.sendpulse.spring.autoconfigure.webhook;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.sendpulse.spring.webhook.SendPulseEvent;
import io.sendpulse.spring.webhook.SendPulseWebhook;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

/**
 * An application with an endpoint for each of three accounts and one listener for all of
 * them, as a user serving several accounts would write it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration" })
@Import({ AccountWebhookTestApplication.DefaultEndpoint.class, AccountWebhookTestApplication.EuEndpoint.class,
		AccountWebhookTestApplication.UsEndpoint.class, AccountWebhookTestApplication.AllAccounts.class })
class AccountWebhookTestApplication {

	@SendPulseWebhook("/webhooks/default")
	static class DefaultEndpoint {

	}

	@SendPulseWebhook(value = "/webhooks/eu", account = "eu")
	static class EuEndpoint {

	}

	@SendPulseWebhook(path = "/webhooks/us", account = "us")
	static class UsEndpoint {

	}

	/**
	 * One listener for every account's events.
	 */
	static class AllAccounts {

		final Queue<SendPulseEvent> received = new ConcurrentLinkedQueue<>();

		@EventListener
		void on(SendPulseEvent event) {
			this.received.add(event);
		}

	}

}
