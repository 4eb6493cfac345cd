package io.sendpulse.spring.test;

import java.net.URI;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebhookDelivery}.
 */
class WebhookDeliveryTests {

	@Test
	void toStringShowsNeitherTheBodyWithItsNumberNorTheTargetsQuery() {
		WebhookDelivery delivery = new WebhookDelivery("sms.delivered",
				URI.create("http://127.0.0.1:8080/webhooks/sendpulse?token=t0ken"),
				"{\"event\":\"sms.delivered\",\"to\":\"+14155550123\"}", 1, 200, true);
		assertThat(delivery.toString()).isEqualTo("WebhookDelivery[event=sms.delivered, "
				+ "target=http://127.0.0.1:8080/webhooks/sendpulse, body=(45 characters), attempts=1, status=200, "
				+ "delivered=true]");
		assertThat(new WebhookDelivery("sms.sent", null, "{}", 0, 0, false).toString()).contains("target=nowhere");
		assertThat(new WebhookDelivery("sms.sent", URI.create("http://user:s3cret@127.0.0.1:8080/hooks"), "{}", 1, 200,
				true)
			.toString()).contains("target=http://127.0.0.1:8080/hooks").doesNotContain("s3cret").doesNotContain("user");
	}

}
