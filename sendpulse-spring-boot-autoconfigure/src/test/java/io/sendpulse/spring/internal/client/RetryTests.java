package io.sendpulse.spring.internal.client;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.retry.Retry;
import io.sendpulse.spring.SendPulseConnectionException;
import io.sendpulse.spring.SendPulseException;
import io.sendpulse.spring.SendPulseServerException;
import io.sendpulse.spring.internal.sms.DefaultReactiveSmsTemplate;
import io.sendpulse.spring.internal.sms.DefaultSmsTemplate;
import io.sendpulse.spring.sms.SmsMessage;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsStatus;
import io.sendpulse.spring.sms.SmsTemplate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.StepVerifier;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every row of the contract's retry table, over real HTTP.
 */
class RetryTests {

	private static final String SENT = """
			{"id":"msg_1","to":"+14155550123","status":"queued","segments":1,"cost":0.0075}""";

	private static final String STATUS = """
			{"id":"msg_1","to":"+14155550123","status":"delivered","segments":1,"cost":0.0075}""";

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private SmsTemplate sms;

	@BeforeEach
	void createTemplate() {
		this.sms = new DefaultSmsTemplate(new DefaultReactiveSmsTemplate(client(Duration.ofSeconds(5)), "MyShop", 4));
	}

	@Test
	void sendsOneSmsWhenTheFirstAttemptIsRateLimited() throws InterruptedException {
		this.server.enqueue(error(429).setHeader("Retry-After", "0").build());
		this.server.enqueue(ok(SENT));

		SmsMessage message = this.sms.send(request());

		assertThat(message.id()).isEqualTo("msg_1");
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		assertSameIdempotencyKey(2);
	}

	@Test
	void retriesA429WhoseRetryAfterIsAnHttpDate() {
		String inOneSecond = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(1));
		this.server.enqueue(error(429).setHeader("Retry-After", inOneSecond).build());
		this.server.enqueue(ok(SENT));

		assertThat(this.sms.send(request()).status()).isEqualTo(SmsStatus.QUEUED);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@ParameterizedTest
	@ValueSource(ints = { 502, 503, 504 })
	void retriesAGatewayFailureOfAPost(int status) throws InterruptedException {
		this.server.enqueue(error(status).body("<html>Bad gateway</html>").build());
		this.server.enqueue(ok(SENT));

		assertThat(this.sms.send(request()).id()).isEqualTo("msg_1");
		assertSameIdempotencyKey(2);
	}

	@Test
	void retriesAConnectionResetBeforeTheResponse() throws InterruptedException {
		this.server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
		this.server.enqueue(ok(SENT));

		assertThat(this.sms.send(request()).id()).isEqualTo("msg_1");
		assertSameIdempotencyKey(2);
	}

	@Test
	void retriesAResponseCutInItsBodyWithTheSameKey() throws InterruptedException {
		this.server.enqueue(cutInItsBody(SENT));
		this.server.enqueue(ok(SENT));

		assertThat(this.sms.send(request()).id()).isEqualTo("msg_1");
		assertSameIdempotencyKey(2);
	}

	@Test
	void saysWhenEveryResponseWasCutInItsBody() {
		for (int i = 0; i < 3; i++) {
			this.server.enqueue(cutInItsBody(SENT));
		}

		assertThatExceptionOfType(SendPulseConnectionException.class).isThrownBy(() -> this.sms.send(request()))
			.withMessage("The connection was closed in the middle of the response (PrematureCloseException)"
					+ " for POST /v1/sms/send [3 attempts]");
	}

	@Test
	void retriesAResponseCutByTheReadTimeout() throws InterruptedException {
		SmsTemplate impatient = new DefaultSmsTemplate(
				new DefaultReactiveSmsTemplate(client(Duration.ofMillis(300)), "MyShop", 4));
		this.server.enqueue(new MockResponse.Builder().body(SENT).headersDelay(3, TimeUnit.SECONDS).build());
		this.server.enqueue(ok(SENT));

		assertThat(impatient.send(request()).id()).isEqualTo("msg_1");
		assertSameIdempotencyKey(2);
	}

	@Test
	void retriesA500OnAGet() {
		this.server.enqueue(error(500).build());
		this.server.enqueue(ok(STATUS));

		assertThat(this.sms.status("msg_1").status()).isEqualTo(SmsStatus.DELIVERED);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void neverRetriesA500OnAPostBecauseTheMessageMayHaveGoneOut() {
		this.server.enqueue(error(500).body("{\"error\":{\"code\":\"internal_error\",\"message\":\"boom\"}}").build());
		this.server.enqueue(ok(SENT));

		assertThatExceptionOfType(SendPulseServerException.class).isThrownBy(() -> this.sms.send(request()))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(500);
				assertThat(ex.getAttempts()).isEqualTo(1);
				assertThat(ex.isRetryable()).isFalse();
				assertThat(ex.getErrorCode()).isEqualTo("internal_error");
			});
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 402, 404 })
	void neverRetriesAClientError(int status) {
		this.server.enqueue(error(status).build());
		this.server.enqueue(error(status).build());
		this.server.enqueue(ok(STATUS));

		assertThatExceptionOfType(SendPulseException.class).isThrownBy(() -> this.sms.send(request()))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(status));
		assertThatExceptionOfType(SendPulseException.class).isThrownBy(() -> this.sms.status("msg_1"))
			.satisfies((ex) -> assertThat(ex.getAttempts()).isEqualTo(1));
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void surfacesTheLastFailureWithTheNumberOfAttemptsWhenAttemptsRunOut() throws InterruptedException {
		for (int i = 0; i < 3; i++) {
			this.server.enqueue(error(503).build());
		}

		assertThatExceptionOfType(SendPulseServerException.class).isThrownBy(() -> this.sms.send(request()))
			.satisfies((ex) -> {
				assertThat(ex.getAttempts()).isEqualTo(3);
				assertThat(ex.getStatusCode()).isEqualTo(503);
				assertThat(ex).hasMessageContaining("[3 attempts]");
			});
		assertSameIdempotencyKey(3);
	}

	@Test
	void surfacesAConnectionFailureWhenNothingAnswers() throws Exception {
		SmsTemplate unreachable = new DefaultSmsTemplate(
				new DefaultReactiveSmsTemplate(SendPulseClient.builder(WebClient.builder())
					.apiKey("test-key")
					.baseUrl(java.net.URI.create("http://127.0.0.1:1"))
					.retry(Retry.of("test",
							SendPulseResilience.retryConfig(2, Duration.ofMillis(10), 2, Duration.ofMillis(50))))
					.build(), "MyShop", 4));

		assertThatExceptionOfType(SendPulseConnectionException.class).isThrownBy(() -> unreachable.send(request()))
			.satisfies((ex) -> {
				assertThat(ex.getAttempts()).isEqualTo(2);
				assertThat(ex.getStatusCode()).isZero();
				assertThat(ex).hasMessageContaining("POST /v1/sms/send");
			});
	}

	@Test
	void givesEachLogicalCallItsOwnIdempotencyKey() throws InterruptedException {
		this.server.enqueue(ok(SENT));
		this.server.enqueue(ok(SENT));

		this.sms.send(request());
		this.sms.send(request());

		String first = this.server.takeRequest().getHeaders().get("Idempotency-Key");
		String second = this.server.takeRequest().getHeaders().get("Idempotency-Key");
		assertThat(first).isNotEqualTo(second);
	}

	@Test
	void retriesThroughTheReactiveView() {
		this.server.enqueue(error(503).build());
		this.server.enqueue(error(429).setHeader("Retry-After", "0").build());
		this.server.enqueue(ok(SENT));

		StepVerifier.create(this.sms.reactive().send(request()))
			.assertNext((message) -> assertThat(message.id()).isEqualTo("msg_1"))
			.verifyComplete();
		assertThat(this.server.getRequestCount()).isEqualTo(3);
	}

	private void assertSameIdempotencyKey(int attempts) throws InterruptedException {
		List<String> keys = new java.util.ArrayList<>();
		for (int i = 0; i < attempts; i++) {
			RecordedRequest request = this.server.takeRequest(5, TimeUnit.SECONDS);
			assertThat(request).isNotNull();
			keys.add(request.getHeaders().get("Idempotency-Key"));
		}
		assertThat(keys).doesNotContainNull().hasSize(attempts);
		assertThat(keys.get(0)).matches("[0-9a-f-]{36}");
		assertThat(keys).containsOnly(keys.get(0));
	}

	private SendPulseClient client(Duration readTimeout) {
		// Timeouts are the connector's, as the auto-configuration sets them.
		return SendPulseClient
			.builder(WebClient.builder()
				.clientConnector(ClientHttpConnectorBuilder.reactor()
					.build(HttpClientSettings.defaults().withReadTimeout(readTimeout))))
			.apiKey("test-key")
			.baseUrl(this.server.url("/").uri())
			.retry(Retry.of("test",
					SendPulseResilience.retryConfig(3, Duration.ofMillis(10), 2, Duration.ofMillis(100))))
			.build();
	}

	private static SmsRequest request() {
		return SmsRequest.builder().to("+14155550123").text("Your order has shipped").build();
	}

	/** Status and headers sent, then the connection closed before the body. */
	private static MockResponse cutInItsBody(String json) {
		return new MockResponse.Builder().setHeader("Content-Type", "application/json")
			.body(json)
			.onResponseBody(new SocketEffect.CloseSocket())
			.build();
	}

	private static MockResponse ok(String json) {
		return new MockResponse.Builder().setHeader("Content-Type", "application/json").body(json).build();
	}

	private static MockResponse.Builder error(int status) {
		return new MockResponse.Builder().code(status);
	}

}
