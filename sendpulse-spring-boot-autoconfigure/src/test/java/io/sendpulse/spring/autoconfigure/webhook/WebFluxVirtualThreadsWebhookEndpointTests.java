package io.sendpulse.spring.autoconfigure.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import io.sendpulse.spring.webhook.WebhookSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebFlux with {@code spring.threads.virtual.enabled}: listeners run on virtual threads
 * where the JVM has them, else on the starter's own platform threads as without the
 * property.
 */
@SpringBootTest(classes = WebhookTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "spring.threads.virtual.enabled=true",
				"sendpulse.webhook.secret=" + WebFluxVirtualThreadsWebhookEndpointTests.SECRET })
class WebFluxVirtualThreadsWebhookEndpointTests {

	static final String SECRET = "whsec_current";

	@LocalServerPort
	private int port;

	@Autowired
	private WebhookTestApplication.DeliveryReceipts receipts;

	@Test
	@EnabledForJreRange(min = JRE.JAVA_21)
	void publishesOnAVirtualThread() throws Exception {
		assertThat(statusOfABlockingDelivery()).isEqualTo(200);
		assertThat(this.receipts.lastThread).startsWith("sendpulse-webhook-");
		assertThat(this.receipts.lastThreadVirtual).isTrue();
	}

	@Test
	@EnabledForJreRange(max = JRE.JAVA_20)
	void publishesOnPlatformThreadsOfItsOwnWhereTheJvmHasNoVirtualThreads() throws Exception {
		assertThat(statusOfABlockingDelivery()).isEqualTo(200);
		assertThat(this.receipts.lastThread).startsWith("sendpulse-webhook-");
		assertThat(this.receipts.lastThreadVirtual).isFalse();
	}

	private int statusOfABlockingDelivery() throws Exception {
		byte[] body = AbstractWebhookEndpointTests
			.sms(WebhookTestApplication.DeliveryReceipts.BLOCKING + UUID.randomUUID(), Instant.now());
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/webhooks/sendpulse"))
			.timeout(Duration.ofSeconds(30))
			.header(WebhookSigner.SIGNATURE_HEADER, new WebhookSigner(SECRET).sign(body))
			.POST(BodyPublishers.ofByteArray(body))
			.build();
		return HttpClient.newHttpClient().send(request, BodyHandlers.discarding()).statusCode();
	}

}
