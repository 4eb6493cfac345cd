package io.sendpulse.spring.autoconfigure.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.sendpulse.spring.webhook.SmsStatusEvent;
import io.sendpulse.spring.webhook.WebhookSigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Webhook endpoints of several accounts over real HTTP, the same on every stack: each
 * endpoint verifies with its account's secrets and its events name the account. 'eu' has
 * secrets of its own; 'us' has none and takes the top-level ones.
 */
@SpringBootTest(classes = AccountWebhookTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sendpulse.webhook.secret=" + AbstractAccountWebhookEndpointTests.DEFAULT_SECRET,
				"sendpulse.webhook.additional-secrets=" + AbstractAccountWebhookEndpointTests.DEFAULT_PREVIOUS_SECRET,
				"sendpulse.accounts.eu.api-key=eu-key",
				"sendpulse.accounts.eu.webhook.secret=" + AbstractAccountWebhookEndpointTests.EU_SECRET,
				"sendpulse.accounts.eu.webhook.additional-secrets="
						+ AbstractAccountWebhookEndpointTests.EU_PREVIOUS_SECRET,
				"sendpulse.accounts.us.api-key=us-key" })
abstract class AbstractAccountWebhookEndpointTests {

	static final String DEFAULT_SECRET = "whsec_default";

	static final String DEFAULT_PREVIOUS_SECRET = "whsec_default_previous";

	static final String EU_SECRET = "whsec_eu";

	static final String EU_PREVIOUS_SECRET = "whsec_eu_previous";

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	@LocalServerPort
	private int port;

	@Autowired
	private AccountWebhookTestApplication.AllAccounts listener;

	@BeforeEach
	void forgetEarlierEvents() {
		this.listener.received.clear();
	}

	@Test
	void publishesAnEventOfTheEndpointsAccount() throws Exception {
		String messageId = messageId();
		assertThat(post("/webhooks/eu", EU_SECRET, sms(messageId))).isEqualTo(200);
		assertThat(this.listener.received).singleElement().isInstanceOfSatisfying(SmsStatusEvent.class, (event) -> {
			assertThat(event.account()).isEqualTo("eu");
			assertThat(event.messageId()).isEqualTo(messageId);
		});
	}

	@Test
	void acceptsTheSecretAnAccountIsRotatingOut() throws Exception {
		assertThat(post("/webhooks/eu", EU_PREVIOUS_SECRET, sms(messageId()))).isEqualTo(200);
		assertThat(this.listener.received).singleElement()
			.satisfies((event) -> assertThat(event.account()).isEqualTo("eu"));
	}

	@Test
	void publishesTheTopLevelAccountsEventsAsDefault() throws Exception {
		assertThat(post("/webhooks/default", DEFAULT_SECRET, sms(messageId()))).isEqualTo(200);
		assertThat(this.listener.received).singleElement()
			.satisfies((event) -> assertThat(event.account()).isEqualTo("default"));
	}

	@Test
	void refusesADeliverySignedWithAnotherAccountsSecret() throws Exception {
		assertThat(post("/webhooks/eu", DEFAULT_SECRET, sms(messageId()))).isEqualTo(401);
		assertThat(post("/webhooks/eu", DEFAULT_PREVIOUS_SECRET, sms(messageId()))).isEqualTo(401);
		assertThat(post("/webhooks/default", EU_SECRET, sms(messageId()))).isEqualTo(401);
		assertThat(post("/webhooks/us", EU_SECRET, sms(messageId()))).isEqualTo(401);
		assertThat(this.listener.received).isEmpty();
	}

	@Test
	void verifiesAnAccountWithoutSecretsOfItsOwnWithTheTopLevelOnes() throws Exception {
		assertThat(post("/webhooks/us", DEFAULT_SECRET, sms(messageId()))).isEqualTo(200);
		assertThat(post("/webhooks/us", DEFAULT_PREVIOUS_SECRET, sms(messageId()))).isEqualTo(200);
		assertThat(this.listener.received).hasSize(2)
			.allSatisfy((event) -> assertThat(event.account()).isEqualTo("us"));
	}

	@Test
	void publishesTheSameDeliveryOncePerAccountEndpoint() throws Exception {
		byte[] body = sms(messageId());
		assertThat(post("/webhooks/us", DEFAULT_SECRET, body)).isEqualTo(200);
		assertThat(post("/webhooks/us", DEFAULT_SECRET, body)).isEqualTo(200);
		assertThat(this.listener.received).hasSize(1);
	}

	private static String messageId() {
		return "msg_" + UUID.randomUUID().toString().replace("-", "");
	}

	private static byte[] sms(String messageId) {
		return ("{\"event\":\"sms.delivered\",\"message_id\":\"" + messageId
				+ "\",\"to\":\"+1234567890\",\"status\":\"delivered\",\"timestamp\":\"" + Instant.now() + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private int post(String path, String secret, byte[] body) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header(WebhookSigner.SIGNATURE_HEADER, new WebhookSigner(secret).sign(body))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
