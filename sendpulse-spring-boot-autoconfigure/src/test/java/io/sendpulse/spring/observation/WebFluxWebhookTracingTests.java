package io.sendpulse.spring.observation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import brave.handler.MutableSpan;
import io.sendpulse.spring.TemplateContexts;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import io.sendpulse.spring.webhook.SendPulseWebhook;
import io.sendpulse.spring.webhook.SmsStatusEvent;
import io.sendpulse.spring.webhook.WebhookSigner;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where users stand: a WebFlux application, traced with Brave, whose webhook listener
 * sends an SMS. The delivery and the send are traced under the webhook request's span, as
 * on Spring MVC, though the listener runs on a thread of its own.
 */
class WebFluxWebhookTracingTests {

	private static final String SECRET = "whsec_tracing";

	@StartStop
	private final MockWebServer api = new MockWebServer();

	@Test
	void aSendFromAWebhookListenerIsTracedUnderTheWebhookRequest() throws Exception {
		this.api.enqueue(TemplateContexts.queued());
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Receiver.class)
			.web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "server.address=127.0.0.1", "spring.main.banner-mode=off",
					"sendpulse.api-key=sk-test", "sendpulse.base-url=" + this.api.url("/"),
					"sendpulse.webhook.secret=" + SECRET, "spring.reactor.netty.shutdown-quiet-period=20ms")
			.run()) {
			byte[] body = ("{\"event\":\"sms.delivered\",\"message_id\":\"msg_1\",\"to\":\"+14155550123\","
					+ "\"status\":\"delivered\",\"timestamp\":\"" + Instant.now() + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpResponse<Void> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/sendpulse"))
					.header("Content-Type", "application/json")
					.header(WebhookSigner.SIGNATURE_HEADER, new WebhookSigner(SECRET).sign(body))
					.POST(HttpRequest.BodyPublishers.ofByteArray(body))
					.build(), HttpResponse.BodyHandlers.discarding());
			assertThat(response.statusCode()).isEqualTo(200);

			BraveTracing tracing = context.getBean(BraveTracing.class);
			await().atMost(Duration.ofSeconds(10)).until(() -> tracing.named("/webhooks/sendpulse").isPresent());
			MutableSpan request = tracing.named("/webhooks/sendpulse").orElseThrow();
			MutableSpan delivery = tracing.named("sendpulse.webhook.deliveries").orElseThrow();
			MutableSpan send = tracing.named("sms.send").orElseThrow();

			assertThat(delivery.traceId()).isEqualTo(request.traceId());
			assertThat(delivery.parentId()).isEqualTo(request.id());
			assertThat(send.traceId()).isEqualTo(request.traceId());
			assertThat(send.parentId()).isEqualTo(request.id());
			assertThat(this.api.getRequestCount()).isOne();
		}
	}

	// Spring Security is on this module's test class path; the receiver has none.
	@SpringBootConfiguration
	@EnableAutoConfiguration(excludeName = {
			"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration" })
	@Import({ BraveTracing.class, Receipts.class })
	static class Receiver {

		@Bean
		FollowUp followUp(SmsTemplate sms) {
			return new FollowUp(sms);
		}

	}

	@SendPulseWebhook("/webhooks/sendpulse")
	static class Receipts {

	}

	static class FollowUp {

		private final SmsTemplate sms;

		FollowUp(SmsTemplate sms) {
			this.sms = sms;
		}

		// A listener that may block (the default): it runs off the event loop.
		@EventListener
		void on(SmsStatusEvent event) {
			this.sms.send(SmsRequest.builder().to("+14155550123").from("Acme").text("Thanks").build());
		}

	}

}
