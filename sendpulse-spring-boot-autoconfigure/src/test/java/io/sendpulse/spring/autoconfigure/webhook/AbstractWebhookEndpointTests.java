package io.sendpulse.spring.autoconfigure.webhook;

import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.sendpulse.spring.sms.SmsStatus;
import io.sendpulse.spring.voice.CallStatus;
import io.sendpulse.spring.webhook.CallGatherEvent;
import io.sendpulse.spring.webhook.CallStatusEvent;
import io.sendpulse.spring.webhook.SmsStatusEvent;
import io.sendpulse.spring.webhook.UnknownEvent;
import io.sendpulse.spring.webhook.WebhookSigner;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook endpoint's behaviour over real HTTP, the same on every stack: each subclass
 * runs it on one server.
 */
@SpringBootTest(classes = WebhookTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sendpulse.webhook.secret=" + AbstractWebhookEndpointTests.SECRET,
				"sendpulse.webhook.additional-secrets=" + AbstractWebhookEndpointTests.PREVIOUS_SECRET,
				"sendpulse.webhook.max-payload-size=8KB" })
abstract class AbstractWebhookEndpointTests {

	static final String SECRET = "whsec_current";

	static final String PREVIOUS_SECRET = "whsec_previous";

	private static final String PATH = "/webhooks/sendpulse";

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	@LocalServerPort
	private int port;

	@Autowired
	private WebhookTestApplication.DeliveryReceipts receipts;

	@Autowired
	private WebhookTestApplication.CallReceipts calls;

	@BeforeEach
	void forgetEarlierEvents() {
		this.receipts.received.clear();
		this.calls.received.clear();
	}

	@Test
	void publishesAValidlySignedEventOnce() throws Exception {
		String messageId = messageId();
		byte[] body = sms(messageId, Instant.now());
		assertThat(post(PATH, body, sign(SECRET, body)).statusCode()).isEqualTo(200);
		assertThat(this.receipts.received).singleElement().isInstanceOfSatisfying(SmsStatusEvent.class, (event) -> {
			assertThat(event.messageId()).isEqualTo(messageId);
			assertThat(event.to()).isEqualTo("+1234567890");
			assertThat(event.status()).isEqualTo(SmsStatus.DELIVERED);
			assertThat(event.type()).isEqualTo("sms.delivered");
		});
	}

	@Test
	void acceptsAPrefixedSignature() throws Exception {
		byte[] body = sms(messageId(), Instant.now());
		assertThat(post(PATH, body, "sha256=" + sign(SECRET, body)).statusCode()).isEqualTo(200);
		assertThat(this.receipts.received).hasSize(1);
	}

	@Test
	void acceptsAnUpperCaseSignature() throws Exception {
		byte[] body = sms(messageId(), Instant.now());
		assertThat(post(PATH, body, sign(SECRET, body).toUpperCase(Locale.ROOT)).statusCode()).isEqualTo(200);
		assertThat(this.receipts.received).hasSize(1);
	}

	@Test
	void acceptsASignatureMadeWithTheSecretBeingRotatedOut() throws Exception {
		byte[] body = sms(messageId(), Instant.now());
		assertThat(post(PATH, body, sign(PREVIOUS_SECRET, body)).statusCode()).isEqualTo(200);
		assertThat(this.receipts.received).hasSize(1);
	}

	@Test
	void rejectsADeliveryWithoutSignature() throws Exception {
		assertThat(post(PATH, sms(messageId(), Instant.now()), null).statusCode()).isEqualTo(401);
		assertThat(this.receipts.received).isEmpty();
	}

	@Test
	void rejectsADeliverySignedWithAnotherSecret() throws Exception {
		byte[] body = sms(messageId(), Instant.now());
		assertThat(post(PATH, body, sign("whsec_forger", body)).statusCode()).isEqualTo(401);
		assertThat(this.receipts.received).isEmpty();
	}

	@Test
	void rejectsABodyTamperedWithAfterSigning() throws Exception {
		byte[] body = sms(messageId(), Instant.now());
		String signature = sign(SECRET, body);
		byte[] tampered = new String(body, StandardCharsets.UTF_8).replace("+1234567890", "+1234567891")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(post(PATH, tampered, signature).statusCode()).isEqualTo(401);
		assertThat(this.receipts.received).isEmpty();
	}

	@Test
	void rejectsASignedDeliveryWithAStaleTimestamp() throws Exception {
		byte[] body = sms(messageId(), Instant.now().minus(Duration.ofMinutes(6)));
		assertThat(post(PATH, body, sign(SECRET, body)).statusCode()).isEqualTo(401);
		assertThat(this.receipts.received).isEmpty();
	}

	@Test
	void rejectsASignedDeliveryWithAFutureTimestamp() throws Exception {
		byte[] body = sms(messageId(), Instant.now().plus(Duration.ofMinutes(6)));
		assertThat(post(PATH, body, sign(SECRET, body)).statusCode()).isEqualTo(401);
		assertThat(this.receipts.received).isEmpty();
	}

	@Test
	void acknowledgesAReplayWithoutPublishingItAgain() throws Exception {
		byte[] body = sms(messageId(), Instant.now());
		String signature = sign(SECRET, body);
		assertThat(post(PATH, body, signature).statusCode()).isEqualTo(200);
		assertThat(post(PATH, body, signature).statusCode()).isEqualTo(200);
		assertThat(post(PATH, body, "sha256=" + signature).statusCode()).isEqualTo(200);
		assertThat(this.receipts.received).hasSize(1);
	}

	@Test
	void publishesOneOfSeveralIdenticalDeliveriesArrivingTogether() throws Exception {
		byte[] body = sms(messageId(), Instant.now());
		String signature = sign(SECRET, body);
		List<Integer> statuses = concurrently(12,
				Collections.nCopies(12, () -> post(PATH, body, signature).statusCode()));
		assertThat(statuses).containsOnly(200);
		assertThat(this.receipts.received).hasSize(1);
	}

	@Test
	void publishesAnEventItDoesNotKnowWithItsRawJson() throws Exception {
		String json = "{\"event\":\"whatsapp.read\",\"chat_id\":\"" + messageId() + "\",\"timestamp\":\""
				+ Instant.now() + "\"}";
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		assertThat(post(PATH, body, sign(SECRET, body)).statusCode()).isEqualTo(200);
		assertThat(this.receipts.received).singleElement().isInstanceOfSatisfying(UnknownEvent.class, (event) -> {
			assertThat(event.type()).isEqualTo("whatsapp.read");
			assertThat(event.json()).isEqualTo(json);
		});
	}

	@Test
	void rejectsASignedBodyThatIsNotJson() throws Exception {
		byte[] body = "event=sms.delivered".getBytes(StandardCharsets.UTF_8);
		assertThat(post(PATH, body, sign(SECRET, body)).statusCode()).isEqualTo(400);
		assertThat(this.receipts.received).isEmpty();
	}

	@Test
	void rejectsASignedBodyWithoutEvent() throws Exception {
		byte[] body = ("{\"message_id\":\"" + messageId() + "\",\"timestamp\":\"" + Instant.now() + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(post(PATH, body, sign(SECRET, body)).statusCode()).isEqualTo(400);
		assertThat(this.receipts.received).isEmpty();
	}

	@Test
	void rejectsASignedBodyWithoutTimestamp() throws Exception {
		byte[] body = ("{\"event\":\"sms.sent\",\"message_id\":\"" + messageId()
				+ "\",\"to\":\"+1234567890\",\"status\":\"sent\"}")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(post(PATH, body, sign(SECRET, body)).statusCode()).isEqualTo(400);
		assertThat(this.receipts.received).isEmpty();
	}

	@Test
	void rejectsABodyLargerThanTheLimit() throws Exception {
		byte[] body = oversized();
		assertThat(post(PATH, body, sign(SECRET, body)).statusCode()).isEqualTo(413);
		assertThat(this.receipts.received).isEmpty();
	}

	@Test
	void rejectsAChunkedBodyLargerThanTheLimitWithoutADeclaredLength() throws Exception {
		byte[] body = oversized();
		HttpResponse<String> response = send(PATH, "POST",
				BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), sign(SECRET, body));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(this.receipts.received).isEmpty();
	}

	@Test
	void acceptsAChunkedBodyWithinTheLimit() throws Exception {
		byte[] body = sms(messageId(), Instant.now());
		HttpResponse<String> response = send(PATH, "POST",
				BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)), sign(SECRET, body));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.receipts.received).hasSize(1);
	}

	@Test
	void answersOtherMethodsWithMethodNotAllowed() throws Exception {
		for (String method : List.of("GET", "PUT", "DELETE")) {
			HttpResponse<String> response = send(PATH, method, BodyPublishers.noBody(), null);
			assertThat(response.statusCode()).as(method).isEqualTo(405);
			assertThat(response.headers().firstValue("Allow")).as(method).hasValue("POST");
		}
		assertThat(this.receipts.received).isEmpty();
	}

	@Test
	void answers500WhenAListenerThrowsAndPublishesTheRedelivery() throws Exception {
		String messageId = messageId();
		this.receipts.failOnce.add(messageId);
		byte[] body = sms(messageId, Instant.now());
		String signature = sign(SECRET, body);
		assertThat(post(PATH, body, signature).statusCode()).isEqualTo(500);
		assertThat(post(PATH, body, signature).statusCode()).isEqualTo(200);
		assertThat(post(PATH, body, signature).statusCode()).isEqualTo(200);
		// Published on the first attempt (which threw) and on the redelivery, not after.
		assertThat(this.receipts.received).hasSize(2);
	}

	@Test
	void servesEachDeclaredEndpoint() throws Exception {
		byte[] body = ("{\"event\":\"call.completed\",\"call_id\":\"call_" + messageId()
				+ "\",\"to\":\"+1234567890\",\"status\":\"completed\",\"duration\":42,\"timestamp\":\"" + Instant.now()
				+ "\"}")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(post("/webhooks/calls", body, sign(SECRET, body)).statusCode()).isEqualTo(200);
		assertThat(this.calls.received).singleElement().satisfies((event) -> {
			assertThat(event.status()).isEqualTo(CallStatus.COMPLETED);
			assertThat(event.duration()).isEqualTo(Duration.ofSeconds(42));
		});
	}

	@Test
	void leavesOtherPathsAlone() throws Exception {
		byte[] body = sms(messageId(), Instant.now());
		assertThat(post("/webhooks/other", body, sign(SECRET, body)).statusCode()).isEqualTo(404);
		assertThat(this.receipts.received).isEmpty();
	}

	@Test
	void publishesAGatherThatTimedOutWithEmptyDigits() throws Exception {
		byte[] body = ("{\"event\":\"call.gather\",\"call_id\":\"call_" + messageId()
				+ "\",\"digits\":\"\",\"timestamp\":\"" + Instant.now() + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(post(PATH, body, sign(SECRET, body)).statusCode()).isEqualTo(200);
		assertThat(this.receipts.received).singleElement()
			.isInstanceOfSatisfying(CallGatherEvent.class, (event) -> assertThat(event.digits()).isEmpty());
	}

	@Test
	void publishesAnSmsStatusWithoutRecipient() throws Exception {
		String messageId = messageId();
		byte[] body = ("{\"event\":\"sms.delivered\",\"message_id\":\"" + messageId
				+ "\",\"status\":\"delivered\",\"timestamp\":\"" + Instant.now() + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(post(PATH, body, sign(SECRET, body)).statusCode()).isEqualTo(200);
		assertThat(this.receipts.received).singleElement().isInstanceOfSatisfying(SmsStatusEvent.class, (event) -> {
			assertThat(event.messageId()).isEqualTo(messageId);
			assertThat(event.to()).isNull();
		});
	}

	@Test
	void rejectsASignedTimestampOutOfRangeAsMalformed() throws Exception {
		byte[] body = ("{\"event\":\"sms.delivered\",\"message_id\":\"" + messageId()
				+ "\",\"timestamp\":9223372036854775807}")
			.getBytes(StandardCharsets.UTF_8);
		assertThat(post(PATH, body, sign(SECRET, body)).statusCode()).isEqualTo(400);
		assertThat(this.receipts.received).isEmpty();
	}

	@Test
	void rejectsASignedDurationOutOfRangeAsMalformed() throws Exception {
		for (String duration : List.of("1e30", "-9223372036854775808.5", "99999999999999999999")) {
			byte[] body = ("{\"event\":\"call.completed\",\"call_id\":\"call_" + messageId()
					+ "\",\"to\":\"+1234567890\",\"status\":\"completed\",\"duration\":" + duration
					+ ",\"timestamp\":\"" + Instant.now() + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			assertThat(post("/webhooks/calls", body, sign(SECRET, body)).statusCode()).as(duration).isEqualTo(400);
		}
		assertThat(this.calls.received).isEmpty();
	}

	/**
	 * 2,000 deliveries from 16 clients at once: 1,500 events, a quarter of the deliveries
	 * copies of them; one event in ten with a slow listener; one in fifteen first sent by
	 * a client that hangs up (after the whole body, or in the middle of it) and then
	 * delivered again, as SendPulse does when it gets no answer. Every event ends
	 * published exactly once, and every answer that reaches a client is 200.
	 */
	@Test
	void publishesEveryEventOfAFloodExactlyOnceWhateverTheCopiesSlowListenersAndHangUps() throws Exception {
		int events = 1500;
		List<byte[]> bodies = new ArrayList<>();
		List<Callable<Integer>> deliveries = new ArrayList<>();
		for (int i = 0; i < events; i++) {
			String id = (i % 10 == 0) ? WebhookTestApplication.DeliveryReceipts.SLOW + UUID.randomUUID() : messageId();
			byte[] body = sms(id, Instant.now());
			bodies.add(body);
			String signature = sign(SECRET, body);
			boolean hangsUp = i % 15 == 7;
			boolean midBody = i % 30 == 7;
			deliveries.add(() -> {
				if (hangsUp) {
					hangUp(body, signature, midBody);
				}
				return post(PATH, body, signature).statusCode();
			});
		}
		java.util.Random random = new java.util.Random(42);
		for (int i = 0; i < 500; i++) {
			byte[] body = bodies.get(random.nextInt(events));
			String signature = sign(SECRET, body);
			deliveries.add(() -> post(PATH, body, signature).statusCode());
		}
		Collections.shuffle(deliveries, random);
		assertThat(concurrently(16, deliveries)).hasSize(2000).containsOnly(200);
		// A hung-up delivery's listeners may still be running: wait for them.
		Awaitility.await()
			.atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(this.receipts.received).hasSizeGreaterThanOrEqualTo(events));
		Map<String, Long> published = this.receipts.received.stream()
			.map((event) -> ((SmsStatusEvent) event).messageId())
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(published).hasSize(events);
		assertThat(published.values()).containsOnly(1L);
	}

	/**
	 * Deliver events at once to listeners that each block until all of them run, and
	 * answer how many did run together.
	 */
	int listenersThatBlockTogether(int deliveries) throws Exception {
		this.receipts.together = new CountDownLatch(deliveries);
		List<String> messageIds = new ArrayList<>();
		List<Callable<Integer>> tasks = new ArrayList<>();
		for (int i = 0; i < deliveries; i++) {
			String messageId = WebhookTestApplication.DeliveryReceipts.TOGETHER + UUID.randomUUID();
			messageIds.add(messageId);
			byte[] body = sms(messageId, Instant.now());
			tasks.add(() -> post(PATH, body, sign(SECRET, body)).statusCode());
		}
		assertThat(concurrently(deliveries, tasks)).containsOnly(200);
		return (int) messageIds.stream().filter(this.receipts.ranTogether::contains).count();
	}

	/** Deliver an event to a listener that blocks and answer the status. */
	int statusOfADeliveryToABlockingListener() throws Exception {
		byte[] body = sms(WebhookTestApplication.DeliveryReceipts.BLOCKING + UUID.randomUUID(), Instant.now());
		return post(PATH, body, sign(SECRET, body)).statusCode();
	}

	// Send a delivery and close the connection without waiting for the answer, after the
	// whole request or in the middle of its body.
	private void hangUp(byte[] body, String signature, boolean midBody) throws Exception {
		try (Socket socket = new Socket("localhost", this.port)) {
			OutputStream output = socket.getOutputStream();
			output.write(("POST " + PATH + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
					+ WebhookSigner.SIGNATURE_HEADER + ": " + signature + "\r\nContent-Length: " + body.length
					+ "\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			output.write(body, 0, midBody ? body.length / 2 : body.length);
			output.flush();
		}
	}

	/** Deliver a validly signed event to a path and answer the status. */
	int statusOfADeliveryTo(String path) throws Exception {
		byte[] body = sms(messageId(), Instant.now());
		return post(path, body, sign(SECRET, body)).statusCode();
	}

	/** Deliver one event and tell on which thread the listener ran. */
	String listenerThreadOfADelivery() throws Exception {
		byte[] body = sms(messageId(), Instant.now());
		assertThat(post(PATH, body, sign(SECRET, body)).statusCode()).isEqualTo(200);
		return this.receipts.lastThread;
	}

	private HttpResponse<String> post(String path, byte[] body, String signature) throws Exception {
		return send(path, "POST", BodyPublishers.ofByteArray(body), signature);
	}

	private HttpResponse<String> send(String path, String method, BodyPublisher body, String signature)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.method(method, body);
		if (signature != null) {
			request.header(WebhookSigner.SIGNATURE_HEADER, signature);
		}
		return http.send(request.build(), BodyHandlers.ofString());
	}

	static <T> List<T> concurrently(int threads, List<Callable<T>> tasks) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (Callable<T> task : tasks) {
				futures.add(executor.submit(() -> {
					start.await();
					return task.call();
				}));
			}
			start.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

	private static byte[] oversized() {
		String padding = "x".repeat(9 * 1024);
		return ("{\"event\":\"sms.delivered\",\"message_id\":\"" + messageId() + "\",\"to\":\"+1234567890\","
				+ "\"status\":\"delivered\",\"padding\":\"" + padding + "\",\"timestamp\":\"" + Instant.now() + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	static String sign(String secret, byte[] body) {
		return new WebhookSigner(secret).sign(body);
	}

	static String messageId() {
		return "msg_" + UUID.randomUUID();
	}

	static byte[] sms(String messageId, Instant timestamp) {
		return ("{\"event\":\"sms.delivered\",\"message_id\":\"" + messageId + "\",\"to\":\"+1234567890\","
				+ "\"status\":\"delivered\",\"timestamp\":\"" + timestamp + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

}
