package io.sendpulse.spring.internal.client;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.sendpulse.spring.SendPulseAuthenticationException;
import io.sendpulse.spring.SendPulseBadRequestException;
import io.sendpulse.spring.SendPulseConnectionException;
import io.sendpulse.spring.SendPulseException;
import io.sendpulse.spring.SendPulseInsufficientBalanceException;
import io.sendpulse.spring.SendPulseNotFoundException;
import io.sendpulse.spring.SendPulseRateLimitException;
import io.sendpulse.spring.SendPulseServerException;
import io.github.resilience4j.retry.Retry;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.skyscreamer.jsonassert.JSONAssert;
import org.skyscreamer.jsonassert.JSONCompareMode;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link SendPulseClient} against a real HTTP server on loopback, without
 * retries or rate limiting.
 */
class SendPulseClientTests {

	private static final String API_KEY = "sk-test-secret";

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private SendPulseClient client() {
		return client(Duration.ofSeconds(10));
	}

	private SendPulseClient client(Duration readTimeout) {
		// Timeouts are the connector's, as the auto-configuration sets them.
		return SendPulseClient
			.builder(WebClient.builder()
				.clientConnector(ClientHttpConnectorBuilder.reactor()
					.build(HttpClientSettings.defaults().withReadTimeout(readTimeout))))
			.apiKey(API_KEY)
			.baseUrl(URI.create(this.server.url("/").toString()))
			.build();
	}

	@Test
	void getSendsAuthenticationAcceptAndUserAgentHeadersButNoIdempotencyKey() throws Exception {
		this.server.enqueue(json(200, "{\"value\":\"ok\"}"));
		Thing thing = Blocking.block(client().get("thing.get", Thing.class, "/v1/things/{id}", "t_1"));
		assertThat(thing.value()).isEqualTo("ok");
		RecordedRequest request = take();
		assertThat(request.getMethod()).isEqualTo("GET");
		assertThat(request.getTarget()).isEqualTo("/v1/things/t_1");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + API_KEY);
		assertThat(request.getHeaders().values("Accept")).containsExactly("application/json");
		assertThat(request.getHeaders().get("User-Agent"))
			.matches("sendpulse-spring-boot/\\d+\\.\\d+\\.\\d+\\S* \\(Java \\d+\\)");
		assertThat(request.getHeaders().get("Idempotency-Key")).isNull();
	}

	@Test
	void postSendsSnakeCaseJsonWithoutNullsAndAnIdempotencyKey() throws Exception {
		this.server.enqueue(json(200, "{\"value\":\"ok\"}"));
		Blocking.block(client().post("thing.create", Thing.class, "/v1/things",
				new NewThing("+14155550123", null, Duration.ofMinutes(2), 7)));
		RecordedRequest request = take();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + API_KEY);
		assertThat(request.getHeaders().get("Idempotency-Key"))
			.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
		JSONAssert.assertEquals("{\"phone_number\":\"+14155550123\",\"ring_timeout\":120,\"code_length\":7}",
				request.getBody().utf8(), JSONCompareMode.STRICT);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "reactor", "jdk" })
	void postSendsItsBodyWithAContentLengthNotChunkedAndTheSameBodyOnARetry(String connector) throws Exception {
		this.server.enqueue(json(503, "{\"error\":{\"code\":\"unavailable\"}}"));
		this.server.enqueue(json(200, "{\"value\":\"ok\"}"));
		ClientHttpConnectorBuilder<?> connectorBuilder = connector.equals("jdk") ? ClientHttpConnectorBuilder.jdk()
				: ClientHttpConnectorBuilder.reactor();
		SendPulseClient client = SendPulseClient.builder(WebClient.builder().clientConnector(connectorBuilder.build()))
			.apiKey(API_KEY)
			.baseUrl(URI.create(this.server.url("/").toString()))
			.retry(Retry.of("test", SendPulseResilience.retryConfig(2, Duration.ofMillis(1), 1, Duration.ofMillis(1))))
			.build();
		Blocking.block(client.post("thing.create", Thing.class, "/v1/things",
				new NewThing("+14155550123", null, Duration.ofMinutes(2), 7)));
		for (int attempt = 1; attempt <= 2; attempt++) {
			RecordedRequest request = take();
			String body = request.getBody().utf8();
			assertThat(body).as("attempt %d", attempt).contains("\"phone_number\":\"+14155550123\"");
			assertThat(request.getHeaders().get("Content-Length")).as("attempt %d", attempt)
				.isEqualTo(String.valueOf(body.getBytes(StandardCharsets.UTF_8).length));
			assertThat(request.getHeaders().get("Transfer-Encoding")).as("attempt %d", attempt).isNull();
			assertThat(request.getHeaders().get("Content-Type")).as("attempt %d", attempt)
				.isEqualTo("application/json");
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "reactor", "jdk" })
	void theStartersHeadersReplaceDefaultHeadersAndFiltersNeverSeeTheApiKey(String connector) throws Exception {
		this.server.enqueue(json(200, "{\"value\":\"ok\"}"));
		List<String> seen = new CopyOnWriteArrayList<>();
		ClientHttpConnectorBuilder<?> connectorBuilder = connector.equals("jdk") ? ClientHttpConnectorBuilder.jdk()
				: ClientHttpConnectorBuilder.reactor();
		// What an application's WebClientCustomizer may set for its other services.
		WebClient.Builder webClient = WebClient.builder()
			.clientConnector(connectorBuilder.build())
			.defaultHeader("Authorization", "Bearer internal-token")
			.defaultHeader("Accept", "*/*");
		SendPulseClient client = SendPulseClient.builder(webClient.filter((request, next) -> {
			request.headers().forEach((name, values) -> seen.addAll(values));
			return next.exchange(ClientRequest.from(request)
				.header("User-Agent", "orders-service/2.1")
				.header("X-Request-Id", "r-1")
				.build());
		})).apiKey(API_KEY).baseUrl(URI.create(this.server.url("/").toString())).build();
		Blocking.block(
				client.post("thing.create", Thing.class, "/v1/things", new NewThing("+14155550123", null, null, null)));
		assertThat(seen).isNotEmpty().noneMatch((value) -> value.contains(API_KEY));
		RecordedRequest request = take();
		assertThat(request.getHeaders().values("Authorization")).containsExactly("Bearer " + API_KEY);
		assertThat(request.getHeaders().values("Accept")).containsExactly("application/json");
		assertThat(request.getHeaders().values("User-Agent")).singleElement()
			.asString()
			.startsWith("sendpulse-spring-boot/");
		assertThat(request.getHeaders().get("X-Request-Id")).isEqualTo("r-1");
		assertThat(request.getHeaders().values("Content-Type")).containsExactly("application/json");
		assertThat(request.getHeaders().get("Idempotency-Key")).isNotBlank();
	}

	@Test
	void uriVariablesAreEncoded() throws Exception {
		this.server.enqueue(json(200, "{}"));
		Blocking.block(client().get("thing.get", Thing.class, "/v1/things/{id}/{sub}", "a b/c", "ü"));
		assertThat(take().getTarget()).isEqualTo("/v1/things/a%20b%2Fc/%C3%BC");
	}

	@Test
	void responsesWithUnknownFieldsStillParse() {
		this.server.enqueue(json(200, "{\"value\":\"ok\",\"added_later\":{\"nested\":[1,2]},\"another\":null}"));
		assertThat(Blocking.block(client().get("thing.get", Thing.class, "/v1/things/1")).value()).isEqualTo("ok");
	}

	static Stream<Arguments> errorStatuses() {
		return Stream.of(Arguments.of(400, SendPulseBadRequestException.class),
				Arguments.of(401, SendPulseAuthenticationException.class),
				Arguments.of(402, SendPulseInsufficientBalanceException.class),
				Arguments.of(404, SendPulseNotFoundException.class),
				Arguments.of(429, SendPulseRateLimitException.class), Arguments.of(500, SendPulseServerException.class),
				Arguments.of(502, SendPulseServerException.class), Arguments.of(503, SendPulseServerException.class),
				Arguments.of(504, SendPulseServerException.class));
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@MethodSource("errorStatuses")
	void eachDocumentedErrorStatusRaisesItsExceptionWithTheApiError(int status,
			Class<? extends SendPulseException> type) {
		this.server.enqueue(json(status, """
				{"error":{"code":"some_code","message":"Something about +14155550123","param":"to"}}"""));
		assertThatExceptionOfType(type).isThrownBy(() -> Blocking.block(client().post("thing.create", Thing.class,
				"/v1/things", new NewThing("+14155550123", null, null, null))))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(status);
				assertThat(ex.getErrorCode()).isEqualTo("some_code");
				assertThat(ex.getError().message()).isEqualTo("Something about +14155550123");
				assertThat(ex.getError().param()).isEqualTo("to");
				assertThat(ex.getAttempts()).isOne();
				assertThat(ex.getMessage()).contains(String.valueOf(status), "POST /v1/things", "some_code", "'to'")
					.doesNotContain(API_KEY)
					.doesNotContain("14155550123");
				assertThat(ex.getError().toString()).doesNotContain("14155550123");
			});
	}

	@Test
	void anApiKeyEchoedInAnErrorMessageIsRedacted() {
		this.server.enqueue(
				json(401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"Key " + API_KEY + " is revoked\"}}"));
		assertThat(failure(client().get("thing.get", Thing.class, "/v1/things/1"))).satisfies((ex) -> {
			assertThat(ex.getMessage()).doesNotContain(API_KEY).contains("Key (api key) is revoked");
			assertThat(ex.getError().message()).doesNotContain(API_KEY);
		});
	}

	@Test
	void forbiddenCountsAsAnAuthenticationFailure() {
		this.server.enqueue(json(403, "{\"error\":{\"code\":\"forbidden\",\"message\":\"Key revoked\"}}"));
		assertThatExceptionOfType(SendPulseAuthenticationException.class)
			.isThrownBy(() -> Blocking.block(client().get("thing.get", Thing.class, "/v1/things/1")))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(403));
	}

	@Test
	void anUndocumentedClientErrorRaisesTheRootException() {
		this.server.enqueue(json(409, ""));
		assertThatExceptionOfType(SendPulseException.class)
			.isThrownBy(() -> Blocking.block(client().get("thing.get", Thing.class, "/v1/things/1")))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(409);
				assertThat(ex.isRetryable()).isFalse();
			});
	}

	@Test
	void serverErrorsAreRetryableOnlyWhenTheApiCannotHaveActed() {
		this.server.enqueue(json(500, ""));
		this.server.enqueue(json(500, ""));
		this.server.enqueue(json(503, ""));
		SendPulseClient client = client();
		NewThing body = new NewThing("+14155550123", null, null, null);
		assertThat(failure(client.post("thing.create", Thing.class, "/v1/things", body)).isRetryable()).isFalse();
		assertThat(failure(client.get("thing.get", Thing.class, "/v1/things/1")).isRetryable()).isTrue();
		assertThat(failure(client.post("thing.create", Thing.class, "/v1/things", body)).isRetryable()).isTrue();
	}

	@Test
	void rateLimitCarriesRetryAfterInSeconds() {
		this.server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").body("").build());
		assertThatExceptionOfType(SendPulseRateLimitException.class)
			.isThrownBy(() -> Blocking.block(client().get("thing.get", Thing.class, "/v1/things/1")))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(429);
				assertThat(ex.getRetryAfter()).isEqualTo(Duration.ofSeconds(7));
				assertThat(ex.getError()).isNull();
			});
	}

	@Test
	void rateLimitCarriesRetryAfterGivenAsAnHttpDate() {
		String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME
			.format(ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(2));
		this.server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", inTwoMinutes).build());
		assertThatExceptionOfType(SendPulseRateLimitException.class)
			.isThrownBy(() -> Blocking.block(client().get("thing.get", Thing.class, "/v1/things/1")))
			.satisfies(
					(ex) -> assertThat(ex.getRetryAfter()).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(120)));
	}

	@Test
	void rateLimitWithoutOrWithGarbageRetryAfterHasNone() {
		this.server.enqueue(new MockResponse.Builder().code(429).build());
		this.server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "soon").build());
		assertThat(
				((SendPulseRateLimitException) failure(client().get("t", Thing.class, "/v1/things/1"))).getRetryAfter())
			.isNull();
		assertThat(
				((SendPulseRateLimitException) failure(client().get("t", Thing.class, "/v1/things/1"))).getRetryAfter())
			.isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "<html><body><h1>502 Bad Gateway</h1></body></html>", "", "{\"error\":{\"code\":\"upstr",
			"{\"error\":\"a string\"}", "[1,2,3]", "null", "{\"unexpected\":true}" })
	void oddErrorBodiesStillGiveTheRightExceptionAndStatus(String body) {
		this.server
			.enqueue(new MockResponse.Builder().code(502).addHeader("Content-Type", "text/html").body(body).build());
		assertThatExceptionOfType(SendPulseServerException.class)
			.isThrownBy(() -> Blocking.block(client().get("thing.get", Thing.class, "/v1/things/1")))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(502);
				assertThat(ex.getError()).isNull();
				assertThat(ex.getMessage()).contains("502");
			});
	}

	@Test
	void aHugeErrorPageStillGivesTheRightExceptionAndStatus() {
		String page = "<html><body>" + "Service unavailable. ".repeat(20_000) + "</body></html>";
		this.server
			.enqueue(new MockResponse.Builder().code(503).addHeader("Content-Type", "text/html").body(page).build());
		assertThatExceptionOfType(SendPulseServerException.class)
			.isThrownBy(() -> Blocking.block(client().get("thing.get", Thing.class, "/v1/things/1")))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(503));
	}

	@Test
	void badRequestWithAnHtmlBodyIsStillABadRequest() {
		this.server.enqueue(new MockResponse.Builder().code(400)
			.addHeader("Content-Type", "text/html")
			.body("<html>Bad Request</html>")
			.build());
		assertThatExceptionOfType(SendPulseBadRequestException.class)
			.isThrownBy(() -> Blocking.block(client().get("thing.get", Thing.class, "/v1/things/1")))
			.satisfies((ex) -> assertThat(ex.getStatusCode()).isEqualTo(400));
	}

	@Test
	void errorBodyCutOffByTheConnectionClosingStillGivesTheStatus() {
		this.server.enqueue(new MockResponse.Builder().code(503)
			.body("{\"error\":{\"code\":\"unavailable\",\"message\":\"Back in a mo")
			.setHeader("Content-Length", "4096")
			.onResponseEnd(new SocketEffect.CloseSocket(true, false, false))
			.build());
		assertThatExceptionOfType(SendPulseServerException.class)
			.isThrownBy(() -> Blocking.block(client().get("thing.get", Thing.class, "/v1/things/1")))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isEqualTo(503);
				assertThat(ex.getError()).isNull();
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "<html>OK</html>", "", "{\"value\":", "null", "[]", "{\"value\":{\"nested\":1}}" })
	void successfulStatusWithABodyThatIsNotTheExpectedJsonRaisesWithTheStatus(String body) {
		// 202 rather than 200: the error names the status the answer had.
		this.server.enqueue(new MockResponse.Builder().code(202).body(body).build());
		assertThatExceptionOfType(SendPulseException.class)
			.isThrownBy(() -> Blocking.block(client().get("thing.get", Thing.class, "/v1/things/1")))
			.satisfies((ex) -> {
				assertThat(ex).isExactlyInstanceOf(SendPulseException.class);
				assertThat(ex.getStatusCode()).isEqualTo(202);
				assertThat(ex.isRetryable()).isFalse();
				assertThat(ex.getMessage()).contains("not the expected JSON");
			});
	}

	@Test
	void refusedConnectionRaisesAConnectionExceptionWithoutStatus() throws IOException {
		MockWebServer closed = new MockWebServer();
		closed.start();
		URI url = URI.create(closed.url("/").toString());
		closed.close();
		SendPulseClient client = SendPulseClient.builder(WebClient.builder()).apiKey(API_KEY).baseUrl(url).build();
		assertThatExceptionOfType(SendPulseConnectionException.class)
			.isThrownBy(() -> Blocking.block(client.get("thing.get", Thing.class, "/v1/things/1")))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isZero();
				assertThat(ex.isRetryable()).isTrue();
				assertThat(ex.getMessage()).contains("GET /v1/things/1").doesNotContain(API_KEY);
			});
	}

	@Test
	void responseSlowerThanTheReadTimeoutRaisesAConnectionException() {
		this.server.enqueue(new MockResponse.Builder().code(200).body("{}").headersDelay(3, TimeUnit.SECONDS).build());
		assertThatExceptionOfType(SendPulseConnectionException.class)
			.isThrownBy(
					() -> Blocking.block(client(Duration.ofMillis(200)).get("thing.get", Thing.class, "/v1/things/1")))
			.satisfies((ex) -> {
				assertThat(ex.getStatusCode()).isZero();
				assertThat(ex.getMessage()).contains("read timeout");
			});
	}

	@Test
	void blockRethrowsFailuresUnwrapped() {
		this.server.enqueue(json(404, ""));
		assertThatExceptionOfType(SendPulseNotFoundException.class)
			.isThrownBy(() -> Blocking.block(client().get("thing.get", Thing.class, "/v1/things/1")));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Blocking.block(Mono.error(new IllegalArgumentException("text is required"))))
			.withMessage("text is required");
	}

	@Test
	void blockOnAnEmptyResultFailsClearly() {
		assertThatIllegalStateException().isThrownBy(() -> Blocking.block(Mono.empty()))
			.withMessageContaining("without a result");
	}

	@Test
	void reactiveCallsSendNothingUntilSubscribedAndSendAgainOnEachSubscription() {
		this.server.enqueue(json(200, "{\"value\":\"one\"}"));
		this.server.enqueue(json(200, "{\"value\":\"two\"}"));
		Mono<Thing> call = client().post("thing.create", Thing.class, "/v1/things",
				new NewThing("+14155550123", null, null, null));
		assertThat(this.server.getRequestCount()).isZero();
		StepVerifier.create(call).assertNext((thing) -> assertThat(thing.value()).isEqualTo("one")).verifyComplete();
		StepVerifier.create(call).assertNext((thing) -> assertThat(thing.value()).isEqualTo("two")).verifyComplete();
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void reactiveErrorsAreSignalledAsSendPulseExceptions() {
		this.server.enqueue(json(401, "{\"error\":{\"code\":\"unauthorized\",\"message\":\"Bad key\"}}"));
		StepVerifier.create(client().get("thing.get", Thing.class, "/v1/things/1"))
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOfSatisfying(SendPulseAuthenticationException.class, (auth) -> {
						assertThat(auth.getStatusCode()).isEqualTo(401);
						assertThat(auth.getMessage()).doesNotContain(API_KEY);
					}))
			.verify(Duration.ofSeconds(10));
	}

	@Test
	void clientNeedsAnApiKey() {
		assertThatIllegalArgumentException().isThrownBy(() -> SendPulseClient.builder(WebClient.builder()).build())
			.withMessageContaining("apiKey");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SendPulseClient.builder(WebClient.builder()).apiKey("").build())
			.withMessageContaining("apiKey");
	}

	@Test
	void clientToStringNeverShowsTheApiKey() {
		assertThat(client().toString()).doesNotContain(API_KEY);
	}

	@Test
	void theApplicationsWebClientBuilderIsNotChanged() throws Exception {
		WebClient.Builder builder = WebClient.builder();
		SendPulseClient.builder(builder).apiKey(API_KEY).baseUrl(URI.create(this.server.url("/").toString())).build();
		this.server.enqueue(json(200, "{}"));
		builder.build().get().uri(this.server.url("/elsewhere").uri()).retrieve().toBodilessEntity().block();
		RecordedRequest request = take();
		assertThat(request.getHeaders().get("Authorization")).isNull();
		assertThat(request.getHeaders().get("User-Agent")).doesNotStartWith("sendpulse-spring-boot/");
	}

	private static SendPulseException failure(Mono<?> call) {
		try {
			Blocking.block(call);
		}
		catch (SendPulseException ex) {
			return ex;
		}
		throw new AssertionError("Expected a SendPulseException");
	}

	private RecordedRequest take() throws InterruptedException {
		RecordedRequest request = this.server.takeRequest(10, TimeUnit.SECONDS);
		assertThat(request).as("request").isNotNull();
		return request;
	}

	private static MockResponse json(int status, String body) {
		return new MockResponse.Builder().code(status).addHeader("Content-Type", "application/json").body(body).build();
	}

	record Thing(String value) {
	}

	record NewThing(String phoneNumber, String nothing, Duration ringTimeout, Integer codeLength) {
	}

}
