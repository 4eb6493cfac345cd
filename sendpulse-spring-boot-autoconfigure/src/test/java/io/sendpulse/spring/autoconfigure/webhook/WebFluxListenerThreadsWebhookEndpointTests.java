package io.sendpulse.spring.autoconfigure.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.sendpulse.spring.webhook.WebhookSigner;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code sendpulse.webhook.listener-pool.max-size} and {@code queue-capacity} on a real
 * WebFlux server: no more listeners run at once than there are threads, the next
 * deliveries wait, and beyond the queue the endpoint answers 503.
 */
@SpringBootTest(classes = WebhookTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive",
				"sendpulse.webhook.secret=" + WebFluxListenerThreadsWebhookEndpointTests.SECRET,
				"sendpulse.webhook.listener-pool.max-size=2", "sendpulse.webhook.listener-pool.queue-capacity=2" })
class WebFluxListenerThreadsWebhookEndpointTests {

	static final String SECRET = "whsec_threads";

	private static final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	private int port;

	@Autowired
	private WebhookTestApplication.DeliveryReceipts receipts;

	@Autowired
	private WebFluxWebhookHandler handler;

	@Test
	void runsAsManyListenersAsThreadsQueuesTwoMoreAndAnswers503Beyond() throws Exception {
		ListenerThreads threads = (ListenerThreads) this.handler.listenerExecutor();
		CountDownLatch gate = new CountDownLatch(1);
		this.receipts.gate = gate;
		List<CompletableFuture<Integer>> firstFour = new ArrayList<>();
		try {
			for (int i = 0; i < 4; i++) {
				firstFour.add(deliverGated());
			}
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				assertThat(this.receipts.gatedRunning).as("listeners running").hasValue(2);
				assertThat(threads.queued()).as("deliveries waiting").isEqualTo(2);
			});

			assertThat(deliverGated().get(30, TimeUnit.SECONDS)).as("beyond the queue").isEqualTo(503);
		}
		finally {
			gate.countDown();
		}
		for (CompletableFuture<Integer> status : firstFour) {
			assertThat(status.get(30, TimeUnit.SECONDS)).isEqualTo(200);
		}
		assertThat(this.receipts.gatedMostAtOnce).hasValue(2);
	}

	private CompletableFuture<Integer> deliverGated() {
		byte[] body = AbstractWebhookEndpointTests
			.sms(WebhookTestApplication.DeliveryReceipts.GATED + UUID.randomUUID(), Instant.now());
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/webhooks/sendpulse"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header(WebhookSigner.SIGNATURE_HEADER, AbstractWebhookEndpointTests.sign(SECRET, body))
			.POST(BodyPublishers.ofByteArray(body))
			.build();
		return http.sendAsync(request, BodyHandlers.discarding()).thenApply((response) -> response.statusCode());
	}

}
