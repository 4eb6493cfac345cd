package io.sendpulse.spring.autoconfigure.webhook;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.sendpulse.spring.TestServerLoops;
import io.sendpulse.spring.internal.webhook.WebhookProcessor;
import io.sendpulse.spring.webhook.SmsStatusEvent;
import io.sendpulse.spring.webhook.WebhookSignatureVerifier;
import io.sendpulse.spring.webhook.WebhookSigner;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.reactive.function.server.RouterFunctions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WebFlux adapter on a real Reactor Netty server, with listener threads the test
 * controls: what becomes of a delivery whose client hangs up before a thread is free to
 * publish it.
 */
class WebFluxWebhookHandlerTests {

	private static final String SECRET = "whsec_test";

	private static final String PATH = "/webhooks/sendpulse";

	private final Queue<Object> published = new ConcurrentLinkedQueue<>();

	// Listener tasks wait here until the test runs them: a busy pool.
	private final Queue<Runnable> listenerTasks = new ConcurrentLinkedQueue<>();

	private final CountDownLatch cancelled = new CountDownLatch(1);

	private DisposableServer server;

	@BeforeEach
	void startServer() {
		WebhookProcessor processor = new WebhookProcessor(new WebhookSignatureVerifier(SECRET), this.published::add,
				64 * 1024, java.time.Clock.systemUTC());
		WebFluxWebhookHandler handler = new WebFluxWebhookHandler(processor, this.listenerTasks::add);
		HttpHandler routes = RouterFunctions
			.toHttpHandler(handler.routes(new SendPulseWebhookEndpoints(List.of(PATH), Map.of(PATH, "test"))));
		HttpHandler watched = (request, response) -> routes.handle(request, response)
			.doOnCancel(this.cancelled::countDown);
		this.server = HttpServer.create()
			.runOn(TestServerLoops.LOOPS)
			.host("localhost")
			.port(0)
			.handle(new ReactorHttpHandlerAdapter(watched))
			.bindNow();
	}

	@AfterEach
	void stopServer() {
		this.server.disposeNow();
	}

	@Test
	void publishesADeliveryWhoseClientHungUpBeforeAThreadWasFreeAndAcknowledgesItsRedelivery() throws Exception {
		byte[] body = ("{\"event\":\"sms.delivered\",\"message_id\":\"msg_1\",\"to\":\"+1234567890\","
				+ "\"status\":\"delivered\",\"timestamp\":\"" + Instant.now() + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		String signature = new WebhookSigner(SECRET).sign(body);
		try (Socket socket = new Socket("localhost", this.server.port())) {
			OutputStream output = socket.getOutputStream();
			output.write(("POST " + PATH + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ WebhookSigner.SIGNATURE_HEADER + ": " + signature + "\r\nContent-Length: " + body.length
					+ "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			output.write(body);
			output.flush();
			// Claimed, and waiting for a listener thread.
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !this.listenerTasks.isEmpty());
		}
		// The server saw the client go and dropped the request.
		assertThat(this.cancelled.await(10, TimeUnit.SECONDS)).isTrue();
		this.listenerTasks.forEach(Runnable::run);
		assertThat(this.published).singleElement().isInstanceOf(SmsStatusEvent.class);
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		int redelivery = http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.server.port() + PATH))
				.timeout(Duration.ofSeconds(10))
				.header(WebhookSigner.SIGNATURE_HEADER, signature)
				.POST(BodyPublishers.ofByteArray(body))
				.build(), BodyHandlers.discarding())
			.statusCode();
		assertThat(redelivery).isEqualTo(200);
		assertThat(this.published).hasSize(1);
	}

}
