package io.sendpulse.spring.autoconfigure.webhook.slice.flux;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.sendpulse.spring.webhook.WebhookSigner;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webflux.test.autoconfigure.WebFluxTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @WebFluxTest} of the application's webhook endpoint: the webhook
 * auto-configuration joins the slice, so the endpoint verifies and publishes as in the
 * application.
 */
@WebFluxTest(controllers = DeliveryReceipts.class,
		properties = "sendpulse.webhook.secret=" + WebFluxTestWebhookTests.SECRET)
class WebFluxTestWebhookTests {

	static final String SECRET = "whsec_slice";

	@Autowired
	private WebTestClient client;

	@Autowired
	private DeliveryReceipts receipts;

	@Test
	void publishesASignedDeliveryToTheListeners() {
		byte[] body = delivery("msg_slice_1");
		this.client.post()
			.uri("/webhooks/sendpulse")
			.contentType(MediaType.APPLICATION_JSON)
			.header(WebhookSigner.SIGNATURE_HEADER, new WebhookSigner(SECRET).sign(body))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(this.receipts.delivered).containsExactly("msg_slice_1");
	}

	@Test
	void refusesADeliverySignedWithAnotherSecret() {
		byte[] body = delivery("msg_slice_2");
		this.client.post()
			.uri("/webhooks/sendpulse")
			.contentType(MediaType.APPLICATION_JSON)
			.header(WebhookSigner.SIGNATURE_HEADER, new WebhookSigner("whsec_other").sign(body))
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isUnauthorized();
		assertThat(this.receipts.delivered).doesNotContain("msg_slice_2");
	}

	private static byte[] delivery(String messageId) {
		return ("{\"event\":\"sms.delivered\",\"message_id\":\"" + messageId + "\",\"to\":\"+14155550123\","
				+ "\"status\":\"delivered\",\"timestamp\":\"" + Instant.now() + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

}
