package io.sendpulse.spring.sms;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sendpulse.spring.TemplateContexts;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for what the auto-configured {@link SmsTemplate} does with a text's encoding
 * before and after sending it: {@code sendpulse.sms.smart-encoding},
 * {@code sendpulse.sms.max-segments} and the {@code sendpulse.sms.segments} counter,
 * against a real HTTP server on loopback.
 */
class SmsTextSendingTests {

	private static final String TO = "+14155550123";

	private static final String CURLY = "It’s “ready” – see you soon…";

	private static final String STRAIGHT = "It's \"ready\" - see you soon...";

	private static final String EMOJI = "\uD83D\uDE00";

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private ApplicationContextRunner runner(String... properties) {
		return TemplateContexts.runner(this.server)
			.withPropertyValues("sendpulse.sms.from=Acme")
			.withPropertyValues(properties);
	}

	@Test
	void smartEncodingIsOffByDefaultAndTheTextGoesOutAsWritten() {
		this.server.setDispatcher(new Accepting());
		runner().run((context) -> {
			context.getBean(SmsTemplate.class).send(SmsRequest.builder().to(TO).text(CURLY).build());
			assertThat(sentText(take())).isEqualTo(CURLY);
		});
	}

	@Test
	void smartEncodingReplacesLookAlikesOnTheWireWhenThatMakesTheTextGsm7() {
		this.server.setDispatcher(new Accepting());
		runner("sendpulse.sms.smart-encoding=true").run((context) -> {
			context.getBean(SmsTemplate.class).send(SmsRequest.builder().to(TO).text(CURLY).build());
			assertThat(sentText(take())).isEqualTo(STRAIGHT);
		});
	}

	@Test
	void smartEncodingLeavesATextThatWouldStayUnicodeAsWritten() {
		this.server.setDispatcher(new Accepting());
		String text = CURLY + " " + EMOJI;
		runner("sendpulse.sms.smart-encoding=true").run((context) -> {
			context.getBean(SmsTemplate.class).send(SmsRequest.builder().to(TO).text(text).build());
			assertThat(sentText(take())).isEqualTo(text);
		});
	}

	@Test
	void smartEncodingNeverGrowsATextBeyondWhatTheApiAccepts() {
		this.server.setDispatcher(new Accepting());
		String text = "…".repeat(600);
		runner("sendpulse.sms.smart-encoding=true").run((context) -> {
			context.getBean(SmsTemplate.class).send(SmsRequest.builder().to(TO).text(text).build());
			assertThat(sentText(take())).isEqualTo(text);
		});
	}

	@Test
	void bulkSendSmartEncodesTheTextForEveryRecipient() {
		this.server.setDispatcher(new Accepting());
		runner("sendpulse.sms.smart-encoding=true").run((context) -> {
			BulkSmsResult result = context.getBean(SmsTemplate.class)
				.send(List.of("+14155550001", "+14155550002"), CURLY);
			assertThat(result.allSent()).isTrue();
			assertThat(sentText(take())).isEqualTo(STRAIGHT);
			assertThat(sentText(take())).isEqualTo(STRAIGHT);
		});
	}

	@Test
	void maxSegmentsRefusesALongerTextBeforeAnyRequestNamingCountLimitAndCharacters() {
		runner("sendpulse.sms.max-segments=1").run((context) -> {
			SmsTemplate sms = context.getBean(SmsTemplate.class);
			SmsRequest unicode = SmsRequest.builder().to(TO).text("x".repeat(70) + "’").build();
			assertThatIllegalArgumentException().isThrownBy(() -> sms.send(unicode))
				.withMessageContaining("text needs 2 SMS segments but sendpulse.sms.max-segments is 1")
				.withMessageContaining("71 UCS-2 code units")
				.withMessageContaining("'’' (U+2019)")
				.withMessageContaining("sendpulse.sms.smart-encoding=true would replace them")
				.withMessageNotContaining("14155550123");
			SmsRequest gsm = SmsRequest.builder().to(TO).text("x".repeat(159) + "€").build();
			assertThatIllegalArgumentException().isThrownBy(() -> sms.send(gsm))
				.withMessageContaining("text needs 2 SMS segments but sendpulse.sms.max-segments is 1")
				.withMessageContaining("161 GSM-7 septets")
				.withMessageContaining("'€' (U+20AC) taking two septets");
			assertThat(this.server.getRequestCount()).isZero();
		});
	}

	@Test
	void maxSegmentsNamesTenCharactersToBlameAndCountsTheRest() {
		runner("sendpulse.sms.max-segments=1").run((context) -> {
			SmsRequest cyrillic = SmsRequest.builder()
				.to(TO)
				.text("абвгдеёжзийклмнопрстуфхцчшщъыьэюя".repeat(3))
				.build();
			assertThatIllegalArgumentException().isThrownBy(() -> context.getBean(SmsTemplate.class).send(cyrillic))
				.withMessageContaining("because of 'а' (U+0430), 'б' (U+0431)")
				.withMessageContaining("'и' (U+0438) and 23 more")
				.withMessageNotContaining("'й'");
			assertThat(this.server.getRequestCount()).isZero();
		});
	}

	@Test
	void maxSegmentsRefusesABulkTextBeforeAnyRecipientIsSentTo() {
		runner("sendpulse.sms.max-segments=2").run((context) -> {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> context.getBean(SmsTemplate.class)
					.send(List.of("+14155550001", "+14155550002"), EMOJI.repeat(68)))
				.withMessageContaining("text needs 3 SMS segments but sendpulse.sms.max-segments is 2")
				.withMessageContaining("'" + EMOJI + "' (U+1F600)")
				.withMessageNotContaining("smart-encoding");
			assertThat(this.server.getRequestCount()).isZero();
		});
	}

	@Test
	void maxSegmentsSendsATextAtTheLimitAndCountsTheSmartEncodedText() {
		this.server.setDispatcher(new Accepting());
		// 80 code units in UCS-2 (2 segments), 82 septets once smart-encoded (1 segment)
		String text = "x".repeat(78) + "’…";
		runner("sendpulse.sms.max-segments=1", "sendpulse.sms.smart-encoding=true").run((context) -> {
			context.getBean(SmsTemplate.class).send(SmsRequest.builder().to(TO).text(text).build());
			assertThat(sentText(take())).isEqualTo("x".repeat(78) + "'...");
		});
	}

	@Test
	void reactiveSendSignalsTheSegmentLimitInsteadOfThrowing() {
		runner("sendpulse.sms.max-segments=1").run((context) -> {
			var send = context.getBean(SmsTemplate.class)
				.reactive()
				.send(SmsRequest.builder().to(TO).text("x".repeat(161)).build());
			StepVerifier.create(send).expectError(IllegalArgumentException.class).verify();
			assertThat(this.server.getRequestCount()).isZero();
		});
	}

	@Test
	void countsTheSegmentsSendPulseAcceptedPerEncoding() {
		Accepting accepting = new Accepting();
		this.server.setDispatcher(accepting);
		runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			SmsTemplate sms = context.getBean(SmsTemplate.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			accepting.segments = 3;
			sms.send(SmsRequest.builder().to(TO).text("x".repeat(400)).build());
			accepting.segments = 2;
			sms.send(SmsRequest.builder().to(TO).text("ж".repeat(100)).build());
			sms.send(List.of("+14155550001", "+14155550002"), "ж".repeat(100));
			assertThat(segments(registry, "gsm-7")).isEqualTo(3.0);
			assertThat(segments(registry, "ucs-2")).isEqualTo(6.0);
		});
	}

	@Test
	void countsTheComputedSegmentsWhenTheResponseCarriesNone() {
		Accepting accepting = new Accepting();
		accepting.segments = 0;
		this.server.setDispatcher(accepting);
		runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			context.getBean(SmsTemplate.class).send(SmsRequest.builder().to(TO).text(EMOJI.repeat(36)).build());
			assertThat(segments(context.getBean(MeterRegistry.class), "ucs-2")).isEqualTo(2.0);
		});
	}

	@Test
	void aMeterThatCannotBeRegisteredNeverTurnsASentMessageIntoAFailure() {
		this.server.setDispatcher(new Accepting());
		MeterRegistry registry = new SimpleMeterRegistry();
		// the name taken by a meter of another type: Micrometer refuses the counter
		Gauge.builder("sendpulse.sms.segments", () -> 1.0).tag("encoding", "gsm-7").register(registry);
		runner().withBean(MeterRegistry.class, () -> registry).run((context) -> {
			BulkSmsResult result = context.getBean(SmsTemplate.class)
				.send(List.of("+14155550001", "+14155550002"), "Sale today");
			assertThat(result.allSent()).isTrue();
			assertThat(result.sent()).hasSize(2);
			assertThat(context.getBean(SmsTemplate.class).send(SmsRequest.builder().to(TO).text("Hi").build()).status())
				.isEqualTo(SmsStatus.QUEUED);
		});
	}

	@Test
	void countsNothingForASendThatFailed() {
		this.server.enqueue(new MockResponse.Builder().code(402)
			.addHeader("Content-Type", "application/json")
			.body("{\"error\":{\"code\":\"insufficient_balance\",\"message\":\"Top up\"}}")
			.build());
		runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run((context) -> {
			SmsRequest request = SmsRequest.builder().to(TO).text("Hello").build();
			SmsTemplate sms = context.getBean(SmsTemplate.class);
			assertThatException().isThrownBy(() -> sms.send(request));
			assertThat(context.getBean(MeterRegistry.class).find("sendpulse.sms.segments").counters())
				.allSatisfy((counter) -> assertThat(counter.count()).isZero());
		});
	}

	@Test
	void sendsWithMicrometerButNoMeterRegistry() {
		this.server.setDispatcher(new Accepting());
		runner().run((context) -> {
			assertThat(context).doesNotHaveBean(MeterRegistry.class);
			SmsMessage message = context.getBean(SmsTemplate.class)
				.send(SmsRequest.builder().to(TO).text("Hello").build());
			assertThat(message.status()).isEqualTo(SmsStatus.QUEUED);
		});
	}

	@Test
	void sendsWithoutMicrometerOnTheClasspath() {
		this.server.setDispatcher(new Accepting());
		runner("sendpulse.sms.smart-encoding=true").withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(SmsTemplate.class).send(SmsRequest.builder().to(TO).text(CURLY).build());
				assertThat(sentText(take())).isEqualTo(STRAIGHT);
			});
	}

	@Test
	void maxSegmentsBelowOneStopsStartupNamingTheProperty() {
		runner("sendpulse.sms.max-segments=0").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("sendpulse.sms.max-segments must be at least 1");
		});
	}

	@Test
	void bothPropertiesAreDescribedInTheConfigurationMetadata() throws IOException {
		List<JsonNode> properties = new ArrayList<>();
		try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
			assertThat(in).as("configuration metadata").isNotNull();
			JsonMapper.shared().readTree(in).path("properties").forEach(properties::add);
		}
		assertThat(properties)
			.filteredOn((property) -> property.path("name").asString().equals("sendpulse.sms.smart-encoding"))
			.singleElement()
			.satisfies((property) -> {
				assertThat(property.path("description").asString()).startsWith("Whether to replace");
				assertThat(property.path("defaultValue").asBoolean(true)).isFalse();
			});
		assertThat(properties)
			.filteredOn((property) -> property.path("name").asString().equals("sendpulse.sms.max-segments"))
			.singleElement()
			.satisfies((property) -> {
				assertThat(property.path("description").asString()).startsWith("Most segments a text may take");
				assertThat(property.path("type").asString()).isEqualTo("java.lang.Integer");
				assertThat(property.has("defaultValue")).isFalse();
			});
	}

	private static double segments(MeterRegistry registry, String encoding) {
		Counter counter = registry.find("sendpulse.sms.segments").tag("encoding", encoding).counter();
		assertThat(counter).as("counter for %s", encoding).isNotNull();
		return counter.count();
	}

	private RecordedRequest take() throws InterruptedException {
		RecordedRequest request = this.server.takeRequest(10, TimeUnit.SECONDS);
		assertThat(request).as("request").isNotNull();
		return request;
	}

	private static String sentText(RecordedRequest request) {
		return JsonMapper.shared().readTree(request.getBody().utf8()).get("text").asString();
	}

	/** Accepts every send, answering the segments it is told to. */
	static final class Accepting extends Dispatcher {

		volatile int segments = 1;

		@Override
		public MockResponse dispatch(RecordedRequest request) {
			String to = JsonMapper.shared().readTree(request.getBody().utf8()).get("to").asString();
			return new MockResponse.Builder().code(200)
				.addHeader("Content-Type", "application/json")
				.body("{\"id\":\"msg_1\",\"to\":\"" + to + "\",\"status\":\"queued\",\"segments\":" + this.segments
						+ ",\"cost\":0.0075}")
				.build();
		}

	}

}
