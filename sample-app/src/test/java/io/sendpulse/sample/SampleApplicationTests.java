package io.sendpulse.sample;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.sendpulse.spring.test.AutoConfigureSendPulseSandbox;
import io.sendpulse.spring.test.SendPulseSandbox;
import io.sendpulse.spring.voice.CallRequest;
import io.sendpulse.spring.voice.VoiceAction;
import io.sendpulse.spring.voice.VoiceTemplate;
import io.sendpulse.spring.webhook.WebhookSigner;
import org.junit.jupiter.api.BeforeEach;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample app's endpoints and webhook endpoint on a real port, against the sandbox.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "sendpulse.sandbox.step-delay=20ms")
@AutoConfigureSendPulseSandbox
@AutoConfigureRestTestClient
class SampleApplicationTests {

	private static final String CUSTOMER = "+14155550123";

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<Map<String, Object>>> JSON_ARRAY = new ParameterizedTypeReference<>() {
	};

	@Autowired
	private RestTestClient client;

	@Autowired
	private SendPulseSandbox sandbox;

	@Autowired
	private ReceivedEvents events;

	@Autowired
	private VoiceTemplate voice;

	@Value("${sendpulse.webhook.secret}")
	private String webhookSecret;

	@LocalServerPort
	private int port;

	@BeforeEach
	void forgetPreviousTraffic() {
		this.sandbox.reset();
		this.events.clear();
	}

	@Test
	void notifiesACustomerBySmsAndListsItsDeliveryWebhooks() {
		Map<String, Object> notification = post("/notifications",
				Map.of("to", CUSTOMER, "text", "Your order has shipped"), 202);
		assertThat(notification).containsEntry("status", "queued").containsEntry("segments", 1);
		String id = (String) notification.get("id");
		assertThat(this.sandbox.sentMessages()).singleElement().satisfies((sent) -> {
			assertThat(sent.id()).isEqualTo(id);
			assertThat(sent.to()).isEqualTo(CUSTOMER);
			assertThat(sent.from()).isEqualTo("MyShop");
			assertThat(sent.text()).isEqualTo("Your order has shipped");
		});
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(events()).extracting((event) -> event.get("type"))
				.containsExactly("sms.sent", "sms.delivered"));
		assertThat(events()).allSatisfy((event) -> {
			assertThat(event).containsEntry("id", id).containsEntry("to", "+1******0123");
			assertThat(event).containsKeys("timestamp", "receivedAt");
		});
		assertThat(events().get(1)).containsEntry("status", "delivered");
	}

	@Test
	void tellsWhereANotificationIs() {
		String id = (String) post("/notifications", Map.of("to", CUSTOMER, "text", "Hello"), 202).get("id");
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(get("/notifications/" + id, 200)).containsEntry("id", id)
				.containsEntry("status", "delivered"));
	}

	@Test
	void rejectsANotificationToAnInvalidNumberNamingTheField() {
		Map<String, Object> problem = post("/notifications", Map.of("to", "4155550199", "text", "Hello"), 400);
		assertThat(problem).containsEntry("status", 400).containsEntry("instance", "/notifications");
		assertThat((String) problem.get("detail")).startsWith("to must be a phone number in E.164 format")
			.doesNotContain("4155550199");
		assertThat(this.sandbox.sentMessages()).isEmpty();
	}

	@Test
	void rejectsANotificationWithoutText() {
		Map<String, Object> problem = post("/notifications", Map.of("to", CUSTOMER), 400);
		assertThat(problem).containsEntry("detail", "text is required");
		assertThat(this.sandbox.sentMessages()).isEmpty();
	}

	@Test
	void answersNotFoundForANotificationSendPulseDoesNotKnow() {
		Map<String, Object> problem = get("/notifications/msg_0000000000000000", 404);
		assertThat(problem).containsEntry("status", 404);
	}

	@Test
	void answersBadGatewayWithSendPulsesStatusAndErrorCodeWhenSendPulseRefuses() {
		this.sandbox.setBalance(BigDecimal.ZERO);
		String body = this.client.post()
			.uri("/notifications")
			.contentType(MediaType.APPLICATION_JSON)
			.body(Map.of("to", CUSTOMER, "text", "Hello"))
			.exchange()
			.expectStatus()
			.isEqualTo(502)
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(body).contains("\"sendpulseStatus\":402", "\"sendpulseError\":\"insufficient_balance\"")
			.doesNotContain(CUSTOMER, this.sandbox.apiKey());
	}

	@Test
	void verifiesANumberWithTheCodeItSent() {
		Map<String, Object> started = post("/verifications", Map.of("to", CUSTOMER), 201);
		assertThat(started).containsEntry("channel", "sms").containsEntry("status", "pending").containsKey("expiresAt");
		String requestId = (String) started.get("requestId");
		String code = this.sandbox.verificationCode(CUSTOMER);
		assertThat(post("/verifications/" + requestId + "/check", Map.of("code", code), 200))
			.containsEntry("requestId", requestId)
			.containsEntry("valid", true);
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(events()).singleElement()
				.satisfies((event) -> assertThat(event).containsEntry("type", "verify.approved")
					.containsEntry("id", requestId)
					.containsEntry("to", "+1******0123")
					.containsEntry("status", "approved")));
	}

	@Test
	void refusesAWrongCode() {
		String requestId = (String) post("/verifications", Map.of("to", CUSTOMER), 201).get("requestId");
		String wrong = this.sandbox.verificationCode(CUSTOMER).equals("000000") ? "111111" : "000000";
		assertThat(post("/verifications/" + requestId + "/check", Map.of("code", wrong), 200)).containsEntry("valid",
				false);
	}

	@Test
	void rejectsAMalformedCodeWithoutAskingSendPulse() {
		String requestId = (String) post("/verifications", Map.of("to", CUSTOMER), 201).get("requestId");
		assertThat(post("/verifications/" + requestId + "/check", Map.of("code", "12ab"), 400)).containsEntry("detail",
				"code must be 4 to 8 digits");
		assertThat(this.sandbox.verifications()).singleElement()
			.satisfies((verification) -> assertThat(verification.wrongAttempts()).isZero());
	}

	@Test
	void rejectsAVerificationWithoutANumber() {
		assertThat(post("/verifications", Map.of(), 400)).containsEntry("detail", "to is required");
	}

	@Test
	void placesACallThatSaysTheMessageAndGathersOneKey() {
		this.sandbox.scriptDigits(CUSTOMER, "1");
		Map<String, Object> call = post("/calls", Map.of("to", CUSTOMER, "message", "Press 1 to confirm your delivery"),
				202);
		assertThat(call).containsEntry("status", "queued");
		String id = (String) call.get("id");
		assertThat(this.sandbox.calls()).singleElement().satisfies((placed) -> {
			assertThat(placed.id()).isEqualTo(id);
			assertThat(placed.from()).isEqualTo("+14155550100");
			assertThat(placed.actions()).containsExactly(VoiceAction.say("Press 1 to confirm your delivery"),
					VoiceAction.gather().numDigits(1).build());
		});
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(events()).extracting((event) -> event.get("type"))
				.containsExactlyInAnyOrder("call.ringing", "call.in_progress", "call.gather", "call.completed"));
		assertThat(events()).allSatisfy((event) -> assertThat(event).containsEntry("id", id));
		assertThat(event("call.gather")).containsEntry("digits", "1").doesNotContainKey("to");
		assertThat(event("call.completed")).containsEntry("status", "completed")
			.containsEntry("to", "+1******0123")
			.containsKey("durationSeconds");
	}

	@Test
	void rejectsACallWithoutAMessage() {
		assertThat(post("/calls", Map.of("to", CUSTOMER), 400)).containsEntry("detail", "message is required");
		assertThat(this.sandbox.calls()).isEmpty();
	}

	@Test
	void listsRecordingWebhooks() {
		CallRequest voicemail = CallRequest.builder()
			.to(CUSTOMER)
			.actions(VoiceAction.say("Leave a message"), VoiceAction.record().build())
			.build();
		String id = this.voice.call(voicemail).id();
		await().atMost(WAIT)
			.untilAsserted(() -> assertThat(event("call.recording")).containsEntry("id", id)
				.containsKeys("recordingUrl", "durationSeconds"));
	}

	@Test
	void listsEventsThisVersionDoesNotKnow() {
		byte[] body = ("{\"event\":\"whatsapp.read\",\"conversation_id\":\"wa_1\",\"timestamp\":\"" + Instant.now()
				+ "\"}")
			.getBytes(StandardCharsets.UTF_8);
		this.client.post()
			.uri("/webhooks/sendpulse")
			.contentType(MediaType.APPLICATION_JSON)
			.header(WebhookSigner.SIGNATURE_HEADER, new WebhookSigner(this.webhookSecret).sign(body))
			.body(body)
			.exchange()
			.expectStatus()
			.is2xxSuccessful();
		assertThat(events()).singleElement()
			.satisfies((event) -> assertThat(event).containsOnlyKeys("type", "timestamp", "receivedAt")
				.containsEntry("type", "whatsapp.read"));
	}

	@Test
	void refusesWebhooksWithoutAValidSignature() {
		byte[] body = ("{\"event\":\"sms.delivered\",\"message_id\":\"msg_1\",\"to\":\"" + CUSTOMER
				+ "\",\"status\":\"delivered\",\"timestamp\":\"" + Instant.now() + "\"}")
			.getBytes(StandardCharsets.UTF_8);
		this.client.post()
			.uri("/webhooks/sendpulse")
			.contentType(MediaType.APPLICATION_JSON)
			.header(WebhookSigner.SIGNATURE_HEADER, new WebhookSigner("not-the-secret").sign(body))
			.body(body)
			.exchange()
			.expectStatus()
			.isUnauthorized();
		assertThat(events()).isEmpty();
	}

	@Test
	void servesThePageAtTheRoot() {
		String page = this.client.get()
			.uri("/")
			.accept(MediaType.TEXT_HTML)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(page).contains("<title>SendPulse sample app</title>", "app.js", "app.css");
	}

	@Test
	void tellsTheCodeTheSandboxSentForAVerification() {
		String requestId = (String) post("/verifications", Map.of("to", CUSTOMER), 201).get("requestId");
		assertThat(get("/sandbox/verifications/" + requestId + "/code", 200)).containsEntry("requestId", requestId)
			.containsEntry("code", this.sandbox.verificationCode(CUSTOMER))
			.doesNotContainValue(CUSTOMER);
	}

	@Test
	void answersNotFoundForTheCodeOfAVerificationTheSandboxDidNotStart() {
		assertThat(get("/sandbox/verifications/vrf_0000000000000000/code", 404)).containsEntry("status", 404);
	}

	@Test
	@Timeout(30)
	void streamsTheWebhookEventsThenResumesAfterTheLastOneTheClientHad() throws Exception {
		String id = (String) post("/notifications", Map.of("to", CUSTOMER, "text", "Hello"), 202).get("id");
		await().atMost(WAIT).untilAsserted(() -> assertThat(events()).hasSize(2));
		List<Map<String, String>> first = serverSentEvents(null, 3);
		assertThat(first.get(0)).containsEntry("event", "connected").containsEntry("data", "{\"source\":\"sandbox\"}");
		assertThat(first.subList(1, 3)).allSatisfy((event) -> assertThat(event).containsEntry("event", "webhook")
			.containsKey("id")
			.hasEntrySatisfying("data",
					(data) -> assertThat(data).contains("\"id\":\"" + id + "\"")
						.contains("\"to\":\"+1******0123\"")
						.doesNotContain(CUSTOMER)));
		assertThat(first.get(1).get("data")).contains("\"type\":\"sms.sent\"");
		assertThat(first.get(2).get("data")).contains("\"type\":\"sms.delivered\"");
		// A browser that reconnects says which event it had last, and gets only the rest.
		String lastSeen = first.get(1).get("id");
		List<Map<String, String>> resumed = serverSentEvents(lastSeen, 2);
		assertThat(resumed.get(1)).containsEntry("id", first.get(2).get("id"));
		assertThat(resumed.get(1).get("data")).contains("\"type\":\"sms.delivered\"");
	}

	/**
	 * Read server-sent events from {@code GET /events/stream} over a real connection.
	 */
	private List<Map<String, String>> serverSentEvents(@Nullable String lastEventId, int count) throws Exception {
		HttpRequest.Builder request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + this.port + "/events/stream"))
			.header("Accept", "text/event-stream");
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		HttpResponse<Stream<String>> response = HttpClient.newHttpClient()
			.send(request.build(), HttpResponse.BodyHandlers.ofLines());
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(MediaType.parseMediaType(type).isCompatibleWith(MediaType.TEXT_EVENT_STREAM))
					.isTrue());
		List<Map<String, String>> events = new ArrayList<>();
		try (Stream<String> lines = response.body()) {
			Iterator<String> iterator = lines.iterator();
			Map<String, String> event = new LinkedHashMap<>();
			while (events.size() < count && iterator.hasNext()) {
				String line = iterator.next();
				if (line.isEmpty()) {
					events.add(event);
					event = new LinkedHashMap<>();
				}
				else if (line.indexOf(':') > 0) {
					event.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1));
				}
			}
		}
		return events;
	}

	private Map<String, Object> post(String path, Map<String, ?> body, int status) {
		return this.client.post()
			.uri(path)
			.contentType(MediaType.APPLICATION_JSON)
			.body(body)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(JSON_OBJECT)
			.returnResult()
			.getResponseBody();
	}

	private Map<String, Object> get(String path, int status) {
		return this.client.get()
			.uri(path)
			.exchange()
			.expectStatus()
			.isEqualTo(status)
			.expectBody(JSON_OBJECT)
			.returnResult()
			.getResponseBody();
	}

	private List<Map<String, Object>> events() {
		return this.client.get()
			.uri("/events")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON_ARRAY)
			.returnResult()
			.getResponseBody();
	}

	private Map<String, Object> event(String type) {
		return events().stream()
			.filter((event) -> type.equals(event.get("type")))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No " + type + " event in " + events()));
	}

}
