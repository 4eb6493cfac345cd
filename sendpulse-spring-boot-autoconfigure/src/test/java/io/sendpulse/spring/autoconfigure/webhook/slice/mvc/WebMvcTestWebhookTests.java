package io.sendpulse.spring.autoconfigure.webhook.slice.mvc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import io.sendpulse.spring.webhook.WebhookSigner;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * A {@code @WebMvcTest} of the application's webhook endpoint, as README shows it: the
 * webhook auto-configuration joins the slice, so the endpoint verifies and publishes as
 * in the application. The application's {@code sendpulse.store=redis} stays out of the
 * slice's way: its deliveries are remembered in memory.
 */
@WebMvcTest(controllers = DeliveryReceipts.class,
		properties = { "sendpulse.webhook.secret=" + WebMvcTestWebhookTests.SECRET, "sendpulse.store=redis" })
class WebMvcTestWebhookTests {

	static final String SECRET = "whsec_slice";

	@Autowired
	private MockMvc mvc;

	@Autowired
	private DeliveryReceipts receipts;

	@Test
	void publishesASignedDeliveryToTheListeners() throws Exception {
		byte[] body = delivery("msg_slice_1");
		this.mvc
			.perform(post("/webhooks/sendpulse").contentType(MediaType.APPLICATION_JSON)
				.header(WebhookSigner.SIGNATURE_HEADER, new WebhookSigner(SECRET).sign(body))
				.content(body))
			.andExpect(status().isOk());
		assertThat(this.receipts.delivered).containsExactly("msg_slice_1");
	}

	@Test
	void refusesADeliverySignedWithAnotherSecret() throws Exception {
		byte[] body = delivery("msg_slice_2");
		this.mvc
			.perform(post("/webhooks/sendpulse").contentType(MediaType.APPLICATION_JSON)
				.header(WebhookSigner.SIGNATURE_HEADER, new WebhookSigner("whsec_other").sign(body))
				.content(body))
			.andExpect(status().isUnauthorized());
		assertThat(this.receipts.delivered).doesNotContain("msg_slice_2");
	}

	static byte[] delivery(String messageId) {
		return ("{\"event\":\"sms.delivered\",\"message_id\":\"" + messageId + "\",\"to\":\"+14155550123\","
				+ "\"status\":\"delivered\",\"timestamp\":\"" + Instant.now() + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

}
