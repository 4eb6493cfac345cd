package io.sendpulse.spring.autoconfigure.webhook;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.sendpulse.spring.webhook.SendPulseEvent;
import io.sendpulse.spring.webhook.SendPulseWebhook;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * An application with Spring Security's defaults and no security configuration of its
 * own, a webhook endpoint and another endpoint that must stay protected.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ WebhookSecurityTestApplication.Receipts.class, WebhookSecurityTestApplication.Orders.class })
class WebhookSecurityTestApplication {

	@SendPulseWebhook("/webhooks/sendpulse")
	static class Receipts {

		final Queue<SendPulseEvent> received = new ConcurrentLinkedQueue<>();

		@EventListener
		void on(SendPulseEvent event) {
			this.received.add(event);
		}

	}

	@RestController
	static class Orders {

		@GetMapping("/orders")
		String orders() {
			return "orders";
		}

		@PostMapping("/orders")
		String order() {
			return "ordered";
		}

	}

}
