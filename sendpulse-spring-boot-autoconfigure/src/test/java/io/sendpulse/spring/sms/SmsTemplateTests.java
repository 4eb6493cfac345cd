package io.sendpulse.spring.sms;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.sendpulse.spring.SendPulseBadRequestException;
import io.sendpulse.spring.SendPulseNotFoundException;
import mockwebserver3.Dispatcher;
import io.sendpulse.spring.TemplateContexts;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SmsTemplate} against a real HTTP server on loopback, with the template
 * built by the auto-configuration.
 */
@ExtendWith(OutputCaptureExtension.class)
class SmsTemplateTests {

	private static final String QUEUED = """
			{"id":"msg_1","to":"+14155550123","status":"queued","segments":1,"cost":0.0075}""";

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private void run(ContextConsumer<ApplicationContext> test, String... properties) {
		TemplateContexts.run(this.server, test, properties);
	}

	@Test
	void sendPostsSnakeCaseJsonWithAllFieldsAndParsesTheMessage() {
		this.server.enqueue(json(200, QUEUED));
		run((context) -> {
			SmsMessage message = context.getBean(SmsTemplate.class)
				.send(SmsRequest.builder()
					.to("+14155550123")
					.from("Acme")
					.text("Your code is 1234")
					.callbackUrl(URI.create("https://example.com/hooks/sms"))
					.scheduledAt(Instant.parse("2099-01-02T03:04:05Z"))
					.build());
			assertThat(message.id()).isEqualTo("msg_1");
			assertThat(message.to()).isEqualTo("+14155550123");
			assertThat(message.status()).isEqualTo(SmsStatus.QUEUED);
			assertThat(message.segments()).isEqualTo(1);
			assertThat(message.cost()).isEqualTo(new BigDecimal("0.0075"));
			assertThat(message.deliveredAt()).isNull();
			RecordedRequest request = take();
			assertThat(request.getMethod()).isEqualTo("POST");
			assertThat(request.getTarget()).isEqualTo("/v1/sms/send");
			assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
			assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TemplateContexts.API_KEY);
			assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
			assertThat(request.getHeaders().get("User-Agent")).startsWith("sendpulse-spring-boot/");
			assertThat(UUID.fromString(request.getHeaders().get("Idempotency-Key"))).isNotNull();
			assertJson(request, """
					{"to":"+14155550123","from":"Acme","text":"Your code is 1234",
					"callback_url":"https://example.com/hooks/sms","scheduled_at":"2099-01-02T03:04:05Z"}""");
		});
	}

	@Test
	void sendLeavesOutUnsetFieldsAndUsesTheConfiguredSender() {
		this.server.enqueue(json(200, QUEUED));
		run((context) -> {
			context.getBean(SmsTemplate.class).send(SmsRequest.builder().to("+14155550123").text("Hello").build());
			assertJson(take(), """
					{"to":"+14155550123","from":"+15005550006","text":"Hello"}""");
		}, "sendpulse.sms.from=+15005550006");
	}

	@Test
	void senderOnTheRequestWinsOverTheConfiguredSender() {
		this.server.enqueue(json(200, QUEUED));
		run((context) -> {
			context.getBean(SmsTemplate.class)
				.send(SmsRequest.builder().to("+14155550123").from("Acme").text("Hello").build());
			assertJson(take(), """
					{"to":"+14155550123","from":"Acme","text":"Hello"}""");
		}, "sendpulse.sms.from=+15005550006");
	}

	@Test
	void aBlockingSendOnAThreadThatMustNotBlockFailsWithNothingSent() {
		// As a WebFlux listener on the event loop would call it: Reactor's parallel
		// threads are non-blocking as Reactor Netty's event loops are. Reactor's own
		// check would come only once the request had started.
		this.server.enqueue(json(200, QUEUED));
		run((context) -> {
			SmsTemplate sms = context.getBean(SmsTemplate.class);
			SmsRequest request = SmsRequest.builder().to("+14155550123").from("Acme").text("Hello").build();
			StepVerifier.create(Mono.fromCallable(() -> sms.send(request)).subscribeOn(Schedulers.parallel()))
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(IllegalStateException.class)
					.hasMessageContaining("nothing was sent")
					.hasMessageContaining("reactive()"))
				.verify(Duration.ofSeconds(10));
			// The next send, from a thread that may block, is the first request.
			assertThat(sms.send(request).id()).isEqualTo("msg_1");
			assertThat(this.server.getRequestCount()).isEqualTo(1);
		});
	}

	@Test
	void sendWithoutAnySenderFailsBeforeAnyRequestAndSaysWhatToSet() {
		run((context) -> {
			SmsRequest request = SmsRequest.builder().to("+14155550123").text("Hello").build();
			assertThatIllegalArgumentException().isThrownBy(() -> context.getBean(SmsTemplate.class).send(request))
				.withMessageContaining("from is required")
				.withMessageContaining("sendpulse.sms.from");
			assertThat(this.server.getRequestCount()).isZero();
		});
	}

	@Test
	void eachSendCarriesItsOwnIdempotencyKey() {
		this.server.enqueue(json(200, QUEUED));
		this.server.enqueue(json(200, QUEUED));
		run((context) -> {
			SmsTemplate sms = context.getBean(SmsTemplate.class);
			SmsRequest request = SmsRequest.builder().to("+14155550123").text("Hello").build();
			sms.send(request);
			sms.send(request);
			String first = take().getHeaders().get("Idempotency-Key");
			String second = take().getHeaders().get("Idempotency-Key");
			assertThat(first).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
			assertThat(second).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
			assertThat(first).isNotEqualTo(second);
		}, "sendpulse.sms.from=Acme");
	}

	@Test
	void aBlankMessageIdIsRefusedBeforeAnyRequest() {
		// It would ask for GET /v1/sms/, which names no message.
		run((context) -> {
			assertThatIllegalArgumentException().isThrownBy(() -> context.getBean(SmsTemplate.class).status(" "))
				.withMessage("messageId must be an id the API gave, not blank");
			assertThat(this.server.getRequestCount()).isZero();
		});
	}

	@Test
	void statusGetsTheMessageAndParsesUnknownFieldsInstantsAndExactCost() {
		this.server.enqueue(json(200, """
				{"id":"msg_42","to":"+14155550123","status":"delivered","delivered_at":"2026-01-02T03:04:05.123Z",
				"segments":2,"cost":0.0150,"carrier":{"name":"Acme Mobile"},"new_field":[1,2,3]}"""));
		run((context) -> {
			SmsMessage message = context.getBean(SmsTemplate.class).status("msg_42");
			assertThat(message.status()).isEqualTo(SmsStatus.DELIVERED);
			assertThat(message.deliveredAt()).isEqualTo(Instant.parse("2026-01-02T03:04:05.123Z"));
			assertThat(message.segments()).isEqualTo(2);
			assertThat(message.cost()).isEqualTo(new BigDecimal("0.0150"));
			RecordedRequest request = take();
			assertThat(request.getMethod()).isEqualTo("GET");
			assertThat(request.getTarget()).isEqualTo("/v1/sms/msg_42");
			assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + TemplateContexts.API_KEY);
			assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
			assertThat(request.getHeaders().get("Idempotency-Key")).isNull();
		});
	}

	@Test
	void statusReadsInstantsWrittenWithAnOffset() {
		this.server.enqueue(json(200, """
				{"id":"msg_42","to":"+14155550123","status":"delivered","delivered_at":"2026-01-02T05:04:05+02:00",
				"segments":1,"cost":0.0075}"""));
		run((context) -> assertThat(context.getBean(SmsTemplate.class).status("msg_42").deliveredAt())
			.isEqualTo(Instant.parse("2026-01-02T03:04:05Z")));
	}

	@Test
	void statusEncodesTheMessageIdAsOnePathSegment() {
		this.server.enqueue(json(200, QUEUED));
		run((context) -> {
			context.getBean(SmsTemplate.class).status("msg/../../v1/verify?x=1");
			assertThat(take().getTarget()).isEqualTo("/v1/sms/msg%2F..%2F..%2Fv1%2Fverify%3Fx%3D1");
		});
	}

	@Test
	void statusMapsAnUnknownStatusToUnknown() {
		this.server.enqueue(json(200, """
				{"id":"msg_42","to":"+14155550123","status":"teleported","segments":1,"cost":0.0075}"""));
		run((context) -> assertThat(context.getBean(SmsTemplate.class).status("msg_42").status())
			.isEqualTo(SmsStatus.UNKNOWN));
	}

	@Test
	void statusOfAnUnknownMessageRaisesNotFound() {
		this.server.enqueue(json(404, """
				{"error":{"code":"not_found","message":"No message msg_nope"}}"""));
		run((context) -> assertThatExceptionOfType(SendPulseNotFoundException.class)
			.isThrownBy(() -> context.getBean(SmsTemplate.class).status("msg_nope"))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(404);
				assertThat(ex.getErrorCode()).isEqualTo("not_found");
			}));
	}

	@Test
	void badRequestCarriesTheApiErrorWithoutTheFullNumber() {
		this.server.enqueue(json(400, """
				{"error":{"code":"invalid_parameter","message":"+14155550123 is not reachable","param":"to"}}"""));
		run((context) -> assertThatExceptionOfType(SendPulseBadRequestException.class)
			.isThrownBy(() -> context.getBean(SmsTemplate.class)
				.send(SmsRequest.builder().to("+14155550123").text("Hello").build()))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(400);
				assertThat(ex.getErrorCode()).isEqualTo("invalid_parameter");
				assertThat(ex.getError().param()).isEqualTo("to");
				assertThat(ex.getError().message()).isEqualTo("+14155550123 is not reachable");
				assertThat(ex.getMessage()).contains("invalid_parameter", "'to'").doesNotContain("14155550123");
				assertThat(ex.toString()).doesNotContain("14155550123").doesNotContain(TemplateContexts.API_KEY);
			}), "sendpulse.sms.from=Acme");
	}

	@Test
	void invalidRequestsAreRefusedByTheBuilderNamingTheFieldAndRuleButNotTheNumber() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SmsRequest.builder().to("12025550199").text("Hello").build())
			.withMessageContaining("to must be a phone number in E.164 format")
			.withMessageNotContaining("12025550199");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SmsRequest.builder().to("+14155550123").from("Way too long sender").text("Hi").build())
			.withMessageContaining("from must be an E.164 phone number or an alphanumeric sender ID");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SmsRequest.builder().to("+14155550123").from("+141555501234567890").text("Hi").build())
			.withMessageContaining("from must be")
			.withMessageNotContaining("141555501234567890");
		assertThatIllegalArgumentException().isThrownBy(() -> SmsRequest.builder().to("+14155550123").text("").build())
			.withMessageContaining("text must be 1 to 1600 characters");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SmsRequest.builder().to("+14155550123").text("x".repeat(1601)).build())
			.withMessageContaining("text must be 1 to 1600 characters");
		assertThatIllegalArgumentException().isThrownBy(() -> SmsRequest.builder().to("+14155550123").build())
			.withMessage("text is required");
		assertThatIllegalArgumentException().isThrownBy(() -> SmsRequest.builder().text("Hello").build())
			.withMessage("to is required");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SmsRequest.builder()
				.to("+14155550123")
				.text("Hi")
				.callbackUrl(URI.create("ftp://example.com/x"))
				.build())
			.withMessageContaining("callback_url must be an absolute http or https URL");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SmsRequest.builder()
				.to("+14155550123")
				.text("Hi")
				.callbackUrl(URI.create("/relative/path"))
				.build())
			.withMessageContaining("callback_url must be an absolute http or https URL");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SmsRequest.builder()
				.to("+14155550123")
				.text("Hi")
				.scheduledAt(Instant.parse("2020-01-01T00:00:00Z"))
				.build())
			.withMessageContaining("scheduled_at must be in the future");
		assertThat(SmsRequest.builder().to("+14155550123").text("x".repeat(1600)).build().text()).hasSize(1600);
	}

	@Test
	void invalidBulkTextIsRefusedBeforeAnyRequest() {
		run((context) -> {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> context.getBean(SmsTemplate.class).send(List.of("+14155550123"), ""))
				.withMessageContaining("text must be 1 to 1600 characters");
			assertThat(this.server.getRequestCount()).isZero();
		}, "sendpulse.sms.from=Acme");
	}

	@Test
	void invalidConfiguredSenderStopsStartupNamingTheProperty() {
		TemplateContexts.runner(this.server)
			.withPropertyValues("sendpulse.sms.from=Not a valid sender id")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("sendpulse.sms.from must be an E.164 phone number");
			});
	}

	@Test
	void reactiveSendSendsNothingUntilSubscribed() {
		this.server.enqueue(json(200, QUEUED));
		run((context) -> {
			var send = context.getBean(SmsTemplate.class)
				.reactive()
				.send(SmsRequest.builder().to("+14155550123").text("Hello").build());
			assertThat(this.server.getRequestCount()).isZero();
			StepVerifier.create(send)
				.assertNext((message) -> assertThat(message.status()).isEqualTo(SmsStatus.QUEUED))
				.verifyComplete();
			assertThat(this.server.getRequestCount()).isOne();
		}, "sendpulse.sms.from=Acme");
	}

	@Test
	void reactiveStatusSignalsApiErrors() {
		this.server.enqueue(json(404, "{\"error\":{\"code\":\"not_found\",\"message\":\"gone\"}}"));
		run((context) -> StepVerifier.create(context.getBean(SmsTemplate.class).reactive().status("msg_nope"))
			.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(SendPulseNotFoundException.class))
			.verify());
	}

	@Test
	void reactiveSendWithoutSenderSignalsTheErrorInsteadOfThrowing() {
		run((context) -> {
			var send = context.getBean(SmsTemplate.class)
				.reactive()
				.send(SmsRequest.builder().to("+14155550123").text("Hello").build());
			StepVerifier.create(send).expectError(IllegalArgumentException.class).verify();
			assertThat(this.server.getRequestCount()).isZero();
		});
	}

	@Test
	void bulkSendReportsSentAndFailedRecipientsSendingEachNumberOnce() {
		this.server.setDispatcher(new BulkDispatcher("+14155550002"));
		run((context) -> {
			BulkSmsResult result = context.getBean(SmsTemplate.class)
				.send(List.of("+14155550001", "+14155550002", "not-a-number", "+14155550003", "+14155550001"),
						"Sale today");
			assertThat(result.sent()).extracting(SmsMessage::to).containsExactly("+14155550001", "+14155550003");
			assertThat(result.sent()).extracting(SmsMessage::id).containsExactly("msg_0001", "msg_0003");
			assertThat(result.failures()).extracting(SmsFailure::to).containsExactly("+14155550002", "not-a-number");
			assertThat(result.failures().get(0).exception()).isInstanceOfSatisfying(SendPulseBadRequestException.class,
					(ex) -> assertThat(ex.getStatusCode()).isEqualTo(400));
			assertThat(result.failures().get(1).exception()).isInstanceOf(IllegalArgumentException.class)
				.hasMessageContaining("to must be a phone number in E.164 format");
			assertThat(result.allSent()).isFalse();
			// the invalid number never went out, the duplicate went out once
			assertThat(this.server.getRequestCount()).isEqualTo(3);
			assertThat(result.toString()).doesNotContain("14155550001", "14155550002", "14155550003");
		}, "sendpulse.sms.from=Acme");
	}

	@Test
	void bulkSendPostsOneSnakeCaseRequestPerRecipientEachWithItsOwnIdempotencyKey() {
		this.server.setDispatcher(new BulkDispatcher());
		run((context) -> {
			BulkSmsResult result = context.getBean(SmsTemplate.class)
				.send(List.of("+14155550001", "+14155550002"), "Sale today");
			assertThat(result.allSent()).isTrue();
			RecordedRequest first = take();
			RecordedRequest second = take();
			assertThat(first.getHeaders().get("Idempotency-Key"))
				.isNotEqualTo(second.getHeaders().get("Idempotency-Key"));
			for (RecordedRequest request : List.of(first, second)) {
				String to = JsonMapper.shared().readTree(request.getBody().utf8()).get("to").asString();
				assertJson(request, "{\"to\":\"" + to + "\",\"from\":\"Acme\",\"text\":\"Sale today\"}");
			}
		}, "sendpulse.sms.from=Acme");
	}

	@Test
	void bulkSendToNobodySendsNothing() {
		run((context) -> {
			BulkSmsResult result = context.getBean(SmsTemplate.class).send(List.of(), "Sale today");
			assertThat(result.sent()).isEmpty();
			assertThat(result.failures()).isEmpty();
			assertThat(result.allSent()).isTrue();
			assertThat(this.server.getRequestCount()).isZero();
		}, "sendpulse.sms.from=Acme");
	}

	@Test
	void bulkSendWithANullRecipientFailsBeforeAnyRequestNamingItsIndex() {
		// Found in the middle of the stream, it would have ended the call with the
		// messages before it sent and unreported.
		List<String> recipients = new ArrayList<>(List.of("+14155550101", "+14155550102", "+14155550103"));
		recipients.add(null);
		run((context) -> {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> context.getBean(SmsTemplate.class).send(recipients, "Sale today"))
				.withMessage("recipients[3] is null, and every recipient must be a phone number in E.164 format: "
						+ "nothing was sent");
			assertThat(this.server.getRequestCount()).isZero();
		}, "sendpulse.sms.from=Acme");
	}

	@Test
	void bulkSendWithoutAnySenderFailsBeforeAnyRequest() {
		run((context) -> {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> context.getBean(SmsTemplate.class).send(List.of("+14155550001"), "Sale today"))
				.withMessageContaining("sendpulse.sms.from");
			assertThat(this.server.getRequestCount()).isZero();
		});
	}

	@Test
	void reactiveBulkSendGivesTheSameOutcome() {
		this.server.setDispatcher(new BulkDispatcher("+14155550002"));
		run((context) -> StepVerifier
			.create(context.getBean(SmsTemplate.class)
				.reactive()
				.send(List.of("+14155550001", "+14155550002"), "Sale today"))
			.assertNext((result) -> {
				assertThat(result.sent()).extracting(SmsMessage::to).containsExactly("+14155550001");
				assertThat(result.failures()).extracting(SmsFailure::to).containsExactly("+14155550002");
			})
			.verifyComplete(), "sendpulse.sms.from=Acme");
	}

	@Test
	void aCancelledBulkSendSaysWhatWasSentInFlightAndNotSent(CapturedOutput output) {
		BulkDispatcher answers = new BulkDispatcher("+14155550002");
		this.server.setDispatcher(new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) {
				MockResponse answer = answers.dispatch(request);
				// The third and fourth recipients' answers take longer than the caller
				// waits, and hold both places meanwhile: the fifth is never sent.
				String body = request.getBody().utf8();
				return (body.contains("+14155550003") || body.contains("+14155550004"))
						? answer.newBuilder().headersDelay(30, TimeUnit.SECONDS).build() : answer;
			}

		});
		run((context) -> {
			Mono<BulkSmsResult> bulk = context.getBean(SmsTemplate.class)
				.reactive()
				.send(List.of("+14155550001", "+14155550002", "+14155550003", "+14155550004", "+14155550005"),
						"Sale today");
			StepVerifier.create(bulk.timeout(Duration.ofSeconds(2))).verifyError(TimeoutException.class);
			assertThat(output)
				.contains("A bulk SMS send to 5 recipients was cancelled by its caller, so its result "
						+ "is lost: 1 were sent (msg_0001), 1 failed, 2 were in flight and may have been sent, and 1 "
						+ "were not sent")
				.doesNotContain("14155550001");
			assertThat(this.server.getRequestCount()).isEqualTo(4);
		}, "sendpulse.sms.from=Acme", "sendpulse.sms.bulk-concurrency=2");
	}

	@Test
	void recordsMaskPhoneNumbersInToString() {
		SmsRequest request = SmsRequest.builder().to("+14155550123").from("+15005550006").text("secret text").build();
		assertThat(request.toString()).contains("+1******0123", "+1******0006")
			.doesNotContain("14155550123", "15005550006", "secret text");
		SmsMessage message = new SmsMessage("msg_1", "+14155550123", SmsStatus.SENT, null, 1, BigDecimal.ONE);
		assertThat(message.toString()).contains("msg_1", "+1******0123").doesNotContain("14155550123");
		SmsFailure failure = new SmsFailure("+14155550123", new IllegalStateException("boom"));
		assertThat(failure.toString()).contains("+1******0123", "boom").doesNotContain("14155550123");
		assertThat(new BulkSmsResult(List.of(message), List.of(failure)).toString()).doesNotContain("14155550123");
	}

	@Test
	void templateDescribesItsClientWithoutTheApiKey() {
		run((context) -> {
			SmsTemplate template = context.getBean(SmsTemplate.class);
			assertThat(template.toString()).contains("SendPulseClient[baseUrl=http")
				.doesNotContain(TemplateContexts.API_KEY);
			assertThat(template.reactive().toString()).contains("SendPulseClient[baseUrl=http")
				.doesNotContain(TemplateContexts.API_KEY);
		});
	}

	private RecordedRequest take() throws InterruptedException {
		RecordedRequest request = this.server.takeRequest(10, TimeUnit.SECONDS);
		assertThat(request).as("request").isNotNull();
		return request;
	}

	private static void assertJson(RecordedRequest request, String expected) throws Exception {
		JSONAssert.assertEquals(expected, request.getBody().utf8(), JSONCompareMode.STRICT);
	}

	static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
	}

	/**
	 * Answers each send with a queued message, or 400 for the numbers it is told to
	 * refuse.
	 */
	static final class BulkDispatcher extends Dispatcher {

		private final List<String> refused;

		BulkDispatcher(String... refused) {
			this.refused = List.of(refused);
		}

		@Override
		public MockResponse dispatch(RecordedRequest request) {
			String to = JsonMapper.shared().readTree(request.getBody().utf8()).get("to").asString();
			if (this.refused.contains(to)) {
				return json(400, "{\"error\":{\"code\":\"invalid_parameter\",\"message\":\"" + to
						+ " cannot receive SMS\",\"param\":\"to\"}}");
			}
			return json(200, "{\"id\":\"msg_" + to.substring(to.length() - 4) + "\",\"to\":\"" + to
					+ "\",\"status\":\"queued\",\"segments\":1,\"cost\":0.0075}");
		}

	}

}
