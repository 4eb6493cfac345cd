package io.sendpulse.spring.test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.sendpulse.spring.sms.SmsStatus;
import io.sendpulse.spring.verify.Channel;
import io.sendpulse.spring.voice.VoiceAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The sandbox's wire rules, over real HTTP with a plain JDK client.
 */
class SendPulseSandboxWireTests {

	private static final String SMS = "{\"to\":\"+14155550123\",\"from\":\"MyApp\",\"text\":\"Hello\"}";

	private SendPulseSandbox sandbox = start(SendPulseSandbox.builder().rateLimit(0));

	private Wire wire = new Wire(this.sandbox);

	@AfterEach
	void stop() {
		this.sandbox.stop();
	}

	private SendPulseSandbox start(SendPulseSandbox.Builder builder) {
		return builder.autoAdvance(false).build().start();
	}

	private void restart(SendPulseSandbox.Builder builder) {
		this.sandbox.stop();
		this.sandbox = start(builder);
		this.wire = new Wire(this.sandbox);
	}

	@Test
	void acceptsAnSmsAsQueuedWithItsSegmentsAndCost() {
		Wire.Response response = this.wire.post("/v1/sms/send", SMS);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.text("/id")).startsWith("msg_");
		assertThat(response.text("/to")).isEqualTo("+14155550123");
		assertThat(response.text("/status")).isEqualTo("queued");
		assertThat(response.json().get("segments").intValue()).isEqualTo(1);
		assertThat(response.json().get("cost").decimalValue()).isEqualByComparingTo("0.0075");
		assertThat(this.sandbox.sentMessages()).singleElement().satisfies((message) -> {
			assertThat(message.to()).isEqualTo("+14155550123");
			assertThat(message.from()).isEqualTo("MyApp");
			assertThat(message.text()).isEqualTo("Hello");
			assertThat(message.id()).isEqualTo(response.text("/id"));
		});
	}

	@Test
	void answers401WithoutTheApiKey() {
		Wire.Response response = this.wire.postWithAuthorization("/v1/sms/send", SMS, "");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.text("/error/code")).isEqualTo("unauthorized");
		assertThat(this.sandbox.sentMessages()).isEmpty();
	}

	@Test
	void answers401ForAWrongApiKeyWithoutEchoingIt() {
		Wire.Response response = this.wire.postWithAuthorization("/v1/sms/send", SMS, "Bearer not-the-key");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).doesNotContain("not-the-key").doesNotContain(this.sandbox.apiKey());
		assertThat(this.wire.get("/v1/sms/msg_0000000000000000").status()).isEqualTo(404);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"to missing                | {\"from\":\"MyApp\",\"text\":\"Hi\"}                                          | to",
			"to not E.164              | {\"to\":\"0014155550123\",\"from\":\"MyApp\",\"text\":\"Hi\"}                 | to",
			"to not a string           | {\"to\":14155550123,\"from\":\"MyApp\",\"text\":\"Hi\"}                       | to",
			"from missing              | {\"to\":\"+14155550123\",\"text\":\"Hi\"}                                     | from",
			"from too long             | {\"to\":\"+14155550123\",\"from\":\"ABCDEFGHIJKL\",\"text\":\"Hi\"}           | from",
			"from with a symbol        | {\"to\":\"+14155550123\",\"from\":\"My-App\",\"text\":\"Hi\"}                 | from",
			"text empty                | {\"to\":\"+14155550123\",\"from\":\"MyApp\",\"text\":\"\"}                    | text",
			"callback_url relative     | {\"to\":\"+14155550123\",\"from\":\"MyApp\",\"text\":\"Hi\",\"callback_url\":\"/hooks\"}   | callback_url",
			"callback_url not http     | {\"to\":\"+14155550123\",\"from\":\"MyApp\",\"text\":\"Hi\",\"callback_url\":\"ftp://x.io/h\"} | callback_url",
			"scheduled_at not instant  | {\"to\":\"+14155550123\",\"from\":\"MyApp\",\"text\":\"Hi\",\"scheduled_at\":\"tomorrow\"} | scheduled_at",
			"scheduled_at in the past  | {\"to\":\"+14155550123\",\"from\":\"MyApp\",\"text\":\"Hi\",\"scheduled_at\":\"2020-01-01T00:00:00Z\"} | scheduled_at" })
	void rejectsAnInvalidSmsFieldWith400NamingIt(String rule, String body, String param) {
		Wire.Response response = this.wire.post("/v1/sms/send", body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("/error/code")).isEqualTo("invalid_parameter");
		assertThat(response.text("/error/param")).isEqualTo(param);
		assertThat(response.text("/error/message")).contains(param).doesNotContain("4155550123");
		assertThat(this.sandbox.sentMessages()).isEmpty();
	}

	@Test
	void rejectsATextOfMoreThan1600CharactersAndAcceptsExactly1600() {
		String tooLong = "{\"to\":\"+14155550123\",\"from\":\"MyApp\",\"text\":\"" + "a".repeat(1601) + "\"}";
		assertThat(this.wire.post("/v1/sms/send", tooLong).text("/error/param")).isEqualTo("text");
		String longest = "{\"to\":\"+14155550123\",\"from\":\"MyApp\",\"text\":\"" + "a".repeat(1600) + "\"}";
		Wire.Response response = this.wire.post("/v1/sms/send", longest);
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.json().get("segments").intValue()).isEqualTo(11);
	}

	@Test
	void rejectsABodyThatIsNotAJsonObject() {
		Wire.Response response = this.wire.post("/v1/sms/send", "<html>");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("/error/code")).isEqualTo("invalid_parameter");
	}

	@Test
	void ignoresUnknownFields() {
		Wire.Response response = this.wire.post("/v1/sms/send",
				"{\"to\":\"+14155550123\",\"from\":\"+14155550100\",\"text\":\"Hi\",\"priority\":\"high\",\"tags\":[1]}");
		assertThat(response.status()).isEqualTo(200);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = { "ASCII, one segment                  | 160 | a | 1",
			"ASCII, two segments                 | 161 | a | 2", "ASCII, 153 per part                 | 306 | a | 2",
			"ASCII, third part                   | 307 | a | 3", "GSM extension counts twice          | 80  | € | 1",
			"GSM extension overflows             | 81  | € | 2", "UCS-2, one segment                  | 70  | ж | 1",
			"UCS-2, two segments                 | 71  | ж | 2", "UCS-2, 67 per part                  | 134 | ж | 2",
			"UCS-2, third part                   | 135 | ж | 3" })
	void countsSegmentsAndCostAsGsm7OrUcs2(String rule, int length, String character, int segments) {
		String text = character.repeat(length);
		Wire.Response response = this.wire.post("/v1/sms/send",
				"{\"to\":\"+14155550123\",\"from\":\"MyApp\",\"text\":\"" + text + "\"}");
		assertThat(response.json().get("segments").intValue()).isEqualTo(segments);
		assertThat(response.json().get("cost").decimalValue())
			.isEqualByComparingTo(new BigDecimal("0.0075").multiply(BigDecimal.valueOf(segments)));
	}

	@Test
	void countsOneNonGsmCharacterAsMakingTheWholeTextUcs2() {
		Wire.Response response = this.wire.post("/v1/sms/send",
				"{\"to\":\"+14155550123\",\"from\":\"MyApp\",\"text\":\"" + "a".repeat(70) + "😀\"}");
		assertThat(response.json().get("segments").intValue()).isEqualTo(2);
	}

	@Test
	void answers404ForUnknownIdsAndPaths() {
		Wire.Response message = this.wire.get("/v1/sms/msg_0123456789abcdef");
		assertThat(message.status()).isEqualTo(404);
		assertThat(message.text("/error/code")).isEqualTo("not_found");
		Wire.Response check = this.wire.post("/v1/verify/check", "{\"request_id\":\"vrf_nope\",\"code\":\"123456\"}");
		assertThat(check.status()).isEqualTo(404);
		assertThat(check.text("/error/param")).isEqualTo("request_id");
		assertThat(this.wire.post("/v1/fax/send", SMS).status()).isEqualTo(404);
	}

	@Test
	void movesAnSmsFromQueuedToSentToDeliveredOnItsClock() {
		String id = this.wire.post("/v1/sms/send", SMS).text("/id");
		assertThat(this.wire.get("/v1/sms/" + id).text("/status")).isEqualTo("queued");
		this.sandbox.advance(this.sandbox.stepDelay());
		assertThat(this.wire.get("/v1/sms/" + id).text("/status")).isEqualTo("sent");
		this.sandbox.advance(this.sandbox.stepDelay());
		Wire.Response delivered = this.wire.get("/v1/sms/" + id);
		assertThat(delivered.text("/status")).isEqualTo("delivered");
		assertThat(Instant.parse(delivered.text("/delivered_at"))).isBeforeOrEqualTo(this.sandbox.now());
		assertThat(delivered.json().get("segments").intValue()).isEqualTo(1);
	}

	@Test
	void holdsAScheduledSmsUntilItsTime() {
		Instant at = this.sandbox.now().plus(Duration.ofHours(1));
		Wire.Response response = this.wire.post("/v1/sms/send",
				"{\"to\":\"+14155550123\",\"from\":\"MyApp\",\"text\":\"Later\",\"scheduled_at\":\"" + at + "\"}");
		assertThat(response.text("/status")).isEqualTo("scheduled");
		this.sandbox.advance(Duration.ofMinutes(59));
		assertThat(this.sandbox.sentMessage(response.text("/id")).status()).isEqualTo(SmsStatus.SCHEDULED);
		this.sandbox.advance(Duration.ofMinutes(2));
		assertThat(this.sandbox.sentMessage(response.text("/id")).status()).isEqualTo(SmsStatus.DELIVERED);
	}

	@Test
	void answers402OnceTheBalanceIsSpent() {
		restart(SendPulseSandbox.builder().rateLimit(0).balance(new BigDecimal("0.0200")));
		assertThat(this.wire.post("/v1/sms/send", SMS).status()).isEqualTo(200);
		assertThat(this.wire.post("/v1/sms/send", SMS).status()).isEqualTo(200);
		Wire.Response refused = this.wire.post("/v1/sms/send", SMS);
		assertThat(refused.status()).isEqualTo(402);
		assertThat(refused.text("/error/code")).isEqualTo("insufficient_balance");
		assertThat(this.sandbox.sentMessages()).hasSize(2);
		assertThat(this.sandbox.balance()).isEqualByComparingTo("0.0050");
	}

	@Test
	void chargesEverySegmentOfALongText() {
		this.sandbox.setBalance(new BigDecimal("0.0100"));
		String twoSegments = "{\"to\":\"+14155550123\",\"from\":\"MyApp\",\"text\":\"" + "a".repeat(200) + "\"}";
		assertThat(this.wire.post("/v1/sms/send", twoSegments).status()).isEqualTo(402);
		assertThat(this.wire.post("/v1/sms/send", SMS).status()).isEqualTo(200);
	}

	@Test
	void answers429WithRetryAfterAboveTheRate() {
		restart(SendPulseSandbox.builder().rateLimit(3));
		int limited = 0;
		Wire.Response last = null;
		for (int i = 0; i < 8; i++) {
			Wire.Response response = this.wire.post("/v1/sms/send", SMS);
			if (response.status() == 429) {
				limited++;
				last = response;
			}
		}
		// At most two one-second windows pass during eight local calls, so at most six
		// pass.
		assertThat(limited).isGreaterThanOrEqualTo(2);
		assertThat(last.retryAfter()).isEqualTo("1");
		assertThat(last.text("/error/code")).isEqualTo("rate_limited");
		assertThat(this.sandbox.sentMessages()).hasSize(8 - limited);
	}

	@Test
	void answersARepeatedIdempotencyKeyWithTheFirstResponseAndSendsNothingNew() {
		Wire.Response first = this.wire.post("/v1/sms/send", SMS, "key-1");
		Wire.Response again = this.wire.post("/v1/sms/send", SMS, "key-1");
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(again.replayed()).isTrue();
		assertThat(this.sandbox.sentMessages()).hasSize(1);
		assertThat(this.wire.post("/v1/sms/send", SMS, "key-2").text("/id")).isNotEqualTo(first.text("/id"));
		assertThat(this.sandbox.sentMessages()).hasSize(2);
	}

	@Test
	void sendsOnceForConcurrentRetriesOfOneKeyAndOnceForEachOtherKey() {
		HttpClient http = HttpClient.newHttpClient();
		List<CompletableFuture<HttpResponse<String>>> retries = new ArrayList<>();
		List<CompletableFuture<HttpResponse<String>>> others = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			retries.add(http.sendAsync(sms("same-key"), HttpResponse.BodyHandlers.ofString()));
			others.add(http.sendAsync(sms("key-" + i), HttpResponse.BodyHandlers.ofString()));
		}
		List<HttpResponse<String>> retried = retries.stream().map(CompletableFuture::join).toList();
		List<HttpResponse<String>> sent = others.stream().map(CompletableFuture::join).toList();
		assertThat(retried).allSatisfy((response) -> assertThat(response.statusCode()).isEqualTo(200));
		assertThat(retried.stream().map(HttpResponse::body).distinct()).hasSize(1);
		assertThat(sent).allSatisfy((response) -> assertThat(response.statusCode()).isEqualTo(200));
		assertThat(this.sandbox.sentMessages()).hasSize(41);
	}

	private HttpRequest sms(String idempotencyKey) {
		return this.wire.request("/v1/sms/send", "Bearer " + this.sandbox.apiKey())
			.header("Idempotency-Key", idempotencyKey)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(SMS))
			.build();
	}

	@Test
	void forgetsAnIdempotencyKeyAfter24Hours() {
		this.wire.post("/v1/sms/send", SMS, "key-1");
		this.sandbox.advance(Duration.ofHours(24).plusSeconds(1));
		assertThat(this.wire.post("/v1/sms/send", SMS, "key-1").replayed()).isFalse();
		assertThat(this.sandbox.sentMessages()).hasSize(2);
	}

	@Test
	void rejectsAnIdempotencyKeyReusedForAnotherBody() {
		this.wire.post("/v1/sms/send", SMS, "key-1");
		Wire.Response other = this.wire.post("/v1/sms/send", SMS.replace("Hello", "Bye"), "key-1");
		assertThat(other.status()).isEqualTo(400);
		assertThat(other.text("/error/param")).isEqualTo("Idempotency-Key");
		assertThat(this.sandbox.sentMessages()).hasSize(1);
	}

	@Test
	void doesNotStoreAFailedCallUnderItsIdempotencyKey() {
		this.sandbox.setBalance(BigDecimal.ZERO);
		assertThat(this.wire.post("/v1/sms/send", SMS, "key-1").status()).isEqualTo(402);
		this.sandbox.setBalance(BigDecimal.ONE);
		assertThat(this.wire.post("/v1/sms/send", SMS, "key-1").status()).isEqualTo(200);
	}

	@Test
	void placesACallWithItsActions() {
		Wire.Response response = this.wire.post("/v1/voice/call",
				"{\"to\":\"+14155550123\",\"from\":\"+14155550100\",\"timeout\":45,\"actions\":["
						+ "{\"type\":\"say\",\"text\":\"Press 1\",\"language\":\"en-US\"},"
						+ "{\"type\":\"gather\",\"num_digits\":1,\"timeout\":5,\"finish_on_key\":\"#\","
						+ "\"prompt\":{\"type\":\"play\",\"url\":\"https://example.com/a.mp3\"}},"
						+ "{\"type\":\"record\",\"max_length\":60,\"play_beep\":true}]}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.text("/id")).startsWith("call_");
		assertThat(response.text("/status")).isEqualTo("queued");
		assertThat(this.sandbox.calls()).singleElement().satisfies((call) -> {
			assertThat(call.timeout()).isEqualTo(Duration.ofSeconds(45));
			assertThat(call.actions()).hasSize(3);
			assertThat(call.actions().get(0)).isEqualTo(VoiceAction.say("Press 1").language("en-US"));
			assertThat(call.actions().get(1)).isInstanceOfSatisfying(VoiceAction.Gather.class,
					(gather) -> assertThat(gather.prompt()).isInstanceOf(VoiceAction.Play.class));
		});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"no actions            | {\"to\":\"+14155550123\",\"from\":\"+14155550100\"}                                        | actions",
			"empty actions         | {\"to\":\"+14155550123\",\"from\":\"+14155550100\",\"actions\":[]}                         | actions",
			"unknown action        | {\"to\":\"+14155550123\",\"from\":\"+14155550100\",\"actions\":[{\"type\":\"dance\"}]}     | actions[0].type",
			"say without text      | {\"to\":\"+14155550123\",\"from\":\"+14155550100\",\"actions\":[{\"type\":\"say\"}]}       | actions[0].text",
			"gather digits too many| {\"to\":\"+14155550123\",\"from\":\"+14155550100\",\"actions\":[{\"type\":\"gather\",\"num_digits\":33}]} | actions[0].num_digits",
			"finish_on_key two keys| {\"to\":\"+14155550123\",\"from\":\"+14155550100\",\"actions\":[{\"type\":\"record\",\"finish_on_key\":\"##\"}]} | actions[0].finish_on_key",
			"timeout zero          | {\"to\":\"+14155550123\",\"from\":\"+14155550100\",\"timeout\":0,\"actions\":[{\"type\":\"say\",\"text\":\"Hi\"}]} | timeout",
			"timeout too long      | {\"to\":\"+14155550123\",\"from\":\"+14155550100\",\"timeout\":601,\"actions\":[{\"type\":\"say\",\"text\":\"Hi\"}]} | timeout",
			"callee not E.164      | {\"to\":\"4155550123\",\"from\":\"+14155550100\",\"actions\":[{\"type\":\"say\",\"text\":\"Hi\"}]} | to" })
	void rejectsAnInvalidCallWith400NamingTheField(String rule, String body, String param) {
		Wire.Response response = this.wire.post("/v1/voice/call", body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("/error/param")).isEqualTo(param);
		assertThat(this.sandbox.calls()).isEmpty();
	}

	@Test
	void rejectsMoreThan100Actions() {
		String actions = "{\"type\":\"say\",\"text\":\"Hi\"},".repeat(101);
		Wire.Response response = this.wire.post("/v1/voice/call", "{\"to\":\"+14155550123\",\"from\":\"+14155550100\","
				+ "\"actions\":[" + actions.substring(0, actions.length() - 1) + "]}");
		assertThat(response.text("/error/param")).isEqualTo("actions");
	}

	@Test
	void startsAVerificationWithARealCodeThatChecksOnce() {
		Wire.Response started = this.wire.post("/v1/verify/start",
				"{\"to\":\"+14155550123\",\"channel\":\"voice\",\"code_length\":8,\"expiry\":60}");
		assertThat(started.status()).isEqualTo(200);
		assertThat(started.text("/request_id")).startsWith("vrf_");
		assertThat(started.text("/channel")).isEqualTo("voice");
		assertThat(started.text("/status")).isEqualTo("pending");
		assertThat(Instant.parse(started.text("/expires_at"))).isEqualTo(this.sandbox.now().plusSeconds(60));
		String code = this.sandbox.verificationCode("+14155550123");
		assertThat(code).hasSize(8).containsOnlyDigits();
		assertThat(this.sandbox.verifications()).singleElement()
			.satisfies((verification) -> assertThat(verification.channel()).isEqualTo(Channel.VOICE));
		String check = "{\"request_id\":\"" + started.text("/request_id") + "\",\"code\":\"" + code + "\"}";
		Wire.Response valid = this.wire.post("/v1/verify/check", check);
		assertThat(valid.json().get("valid").booleanValue()).isTrue();
		assertThat(valid.text("/request_id")).isEqualTo(started.text("/request_id"));
		assertThat(this.wire.post("/v1/verify/check", check).json().get("valid").booleanValue()).isFalse();
	}

	@Test
	void failsAVerificationAfterTooManyWrongCodes() {
		String requestId = this.wire.post("/v1/verify/start", "{\"to\":\"+14155550123\"}").text("/request_id");
		String code = this.sandbox.verificationCode("+14155550123");
		assertThat(code).hasSize(6);
		String wrong = code.equals("000000") ? "111111" : "000000";
		for (int i = 0; i < 3; i++) {
			assertThat(this.wire
				.post("/v1/verify/check", "{\"request_id\":\"" + requestId + "\",\"code\":\"" + wrong + "\"}")
				.json()
				.get("valid")
				.booleanValue()).isFalse();
		}
		Wire.Response right = this.wire.post("/v1/verify/check",
				"{\"request_id\":\"" + requestId + "\",\"code\":\"" + code + "\"}");
		assertThat(right.json().get("valid").booleanValue()).isFalse();
		assertThat(this.sandbox.verifications().get(0).wrongAttempts()).isEqualTo(3);
	}

	@Test
	void expiresAVerificationCodeOnItsClock() {
		String requestId = this.wire.post("/v1/verify/start", "{\"to\":\"+14155550123\",\"expiry\":120}")
			.text("/request_id");
		String check = "{\"request_id\":\"" + requestId + "\",\"code\":\""
				+ this.sandbox.verificationCode("+14155550123") + "\"}";
		this.sandbox.advance(Duration.ofSeconds(120));
		assertThat(this.wire.post("/v1/verify/check", check).json().get("valid").booleanValue()).isFalse();
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			value = { "code_length too short | {\"to\":\"+14155550123\",\"code_length\":3}     | code_length",
					"code_length too long  | {\"to\":\"+14155550123\",\"code_length\":9}     | code_length",
					"code_length a string  | {\"to\":\"+14155550123\",\"code_length\":\"6\"} | code_length",
					"expiry zero           | {\"to\":\"+14155550123\",\"expiry\":0}          | expiry",
					"unknown channel       | {\"to\":\"+14155550123\",\"channel\":\"fax\"}   | channel",
					"to missing            | {\"channel\":\"sms\"}                           | to" })
	void rejectsAnInvalidVerificationWith400NamingTheField(String rule, String body, String param) {
		Wire.Response response = this.wire.post("/v1/verify/start", body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("/error/param")).isEqualTo(param);
	}

	@Test
	void rejectsACheckWithoutACode() {
		Wire.Response response = this.wire.post("/v1/verify/check", "{\"request_id\":\"vrf_1\"}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("/error/param")).isEqualTo("code");
	}

	@Test
	void answersTheScriptedStatusForTheNextCallsThenAnswersNormally() {
		this.sandbox.faults().nextCalls(2).respondWith(503);
		Wire.Response first = this.wire.post("/v1/sms/send", SMS);
		assertThat(first.status()).isEqualTo(503);
		assertThat(first.text("/error/code")).isEqualTo("internal_error");
		assertThat(this.wire.post("/v1/sms/send", SMS).status()).isEqualTo(503);
		assertThat(this.wire.post("/v1/sms/send", SMS).status()).isEqualTo(200);
		assertThat(this.sandbox.sentMessages()).hasSize(1);
	}

	@Test
	void appliesFaultsBeforeTheApiKeyAndIdempotency() {
		this.wire.post("/v1/sms/send", SMS, "key-1");
		this.sandbox.faults().nextCalls(1).respondWith(502);
		assertThat(this.wire.post("/v1/sms/send", SMS, "key-1").status()).isEqualTo(502);
		this.sandbox.faults().nextCalls(1).respondWith(500);
		assertThat(this.wire.postWithAuthorization("/v1/sms/send", SMS, "Bearer wrong").status()).isEqualTo(500);
	}

	@Test
	void answersAScripted429WithItsRetryAfter() {
		this.sandbox.faults().nextCalls(1).respondWith(429, Duration.ofSeconds(7));
		Wire.Response response = this.wire.post("/v1/sms/send", SMS);
		assertThat(response.status()).isEqualTo(429);
		assertThat(response.retryAfter()).isEqualTo("7");
		assertThat(response.text("/error/code")).isEqualTo("rate_limited");
	}

	@Test
	void delaysTheNextCallAndThenAnswersIt() {
		this.sandbox.faults().nextCalls(1).delay(Duration.ofMillis(300));
		long start = System.nanoTime();
		assertThat(this.wire.post("/v1/sms/send", SMS).status()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(this.sandbox.faults().pending()).isZero();
	}

	@Test
	void resetsTheConnectionOfTheNextCall() {
		this.sandbox.faults().nextCalls(1).resetConnection();
		HttpRequest request = this.wire.request("/v1/sms/send", "Bearer " + this.sandbox.apiKey())
			.POST(HttpRequest.BodyPublishers.ofString(SMS))
			.build();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.wire.raw(request));
		assertThat(this.sandbox.sentMessages()).isEmpty();
		assertThat(this.wire.post("/v1/sms/send", SMS).status()).isEqualTo(200);
	}

	@Test
	void processesTheNextCallThenResetsItsConnectionAndReplaysItsAnswerToTheRetry() {
		this.sandbox.faults().nextCalls(1).processThenResetConnection();
		HttpRequest request = this.wire.request("/v1/sms/send", "Bearer " + this.sandbox.apiKey())
			.header("Idempotency-Key", "key-1")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(SMS))
			.build();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.wire.raw(request));
		assertThat(this.sandbox.sentMessages()).hasSize(1);
		Wire.Response retry = this.wire.post("/v1/sms/send", SMS, "key-1");
		assertThat(retry.status()).isEqualTo(200);
		assertThat(retry.replayed()).isTrue();
		assertThat(retry.text("/id")).isEqualTo(this.sandbox.sentMessages().get(0).id());
		assertThat(this.sandbox.sentMessages()).hasSize(1);
		assertThat(this.sandbox.balance()).isEqualByComparingTo("99.9925");
	}

	@Test
	void keepsABalanceForEachApiKey() {
		restart(SendPulseSandbox.builder().rateLimit(0).additionalAccount("second-key", new BigDecimal("0.0075"), 0));
		assertThat(this.sandbox.apiKeys()).containsExactly("sandbox-key", "second-key");
		assertThat(postAs("second-key", SMS).status()).isEqualTo(200);
		Wire.Response refused = postAs("second-key", SMS);
		assertThat(refused.status()).isEqualTo(402);
		assertThat(refused.text("/error/code")).isEqualTo("insufficient_balance");
		assertThat(this.wire.post("/v1/sms/send", SMS).status()).isEqualTo(200);
		assertThat(this.sandbox.balance("second-key")).isZero();
		assertThat(this.sandbox.balance()).isEqualByComparingTo("99.9925");
		this.sandbox.setBalance("second-key", BigDecimal.ONE);
		assertThat(postAs("second-key", SMS).status()).isEqualTo(200);
		this.sandbox.reset();
		assertThat(this.sandbox.balance("second-key")).isEqualByComparingTo("0.0075");
	}

	@Test
	void keepsARateWindowForEachApiKey() {
		restart(SendPulseSandbox.builder().rateLimit(0).additionalAccount("second-key", BigDecimal.TEN, 1));
		int limited = 0;
		for (int i = 0; i < 3; i++) {
			limited += (postAs("second-key", SMS).status() == 429) ? 1 : 0;
		}
		// At most two one-second windows pass during three local calls.
		assertThat(limited).isPositive();
		for (int i = 0; i < 5; i++) {
			assertThat(this.wire.post("/v1/sms/send", SMS).status()).isEqualTo(200);
		}
	}

	@Test
	void showsEachApiKeyOnlyItsOwnMessagesAndIdempotencyKeys() {
		restart(SendPulseSandbox.builder().rateLimit(0).additionalAccount("second-key", BigDecimal.TEN, 0));
		Wire.Response first = this.wire.post("/v1/sms/send", SMS, "key-1");
		Wire.Response second = this.wire.send(this.wire.request("/v1/sms/send", "Bearer second-key")
			.header("Idempotency-Key", "key-1")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(SMS)));
		assertThat(second.replayed()).isFalse();
		assertThat(second.text("/id")).isNotEqualTo(first.text("/id"));
		assertThat(this.sandbox.sentMessages()).hasSize(2);
		assertThat(this.wire.get("/v1/sms/" + first.text("/id")).status()).isEqualTo(200);
		assertThat(
				this.wire.send(this.wire.request("/v1/sms/" + first.text("/id"), "Bearer second-key").GET()).status())
			.isEqualTo(404);
	}

	@Test
	void refusesAnApiKeyItWasNotGiven() {
		restart(SendPulseSandbox.builder().additionalAccount("second-key", BigDecimal.TEN, 0));
		assertThat(postAs("third-key", SMS).status()).isEqualTo(401);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> SendPulseSandbox.builder().additionalAccount("sandbox-key", BigDecimal.TEN, 0).build());
	}

	private Wire.Response postAs(String apiKey, String body) {
		return this.wire.postWithAuthorization("/v1/sms/send", body, "Bearer " + apiKey);
	}

	@Test
	void servesTheRecordingsItsWebhooksPointAt() throws Exception {
		HttpRequest request = this.wire.request("/recordings/rec_0123456789abcdef.wav", "").GET().build();
		var response = this.wire.raw(request);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("audio/wav");
		assertThat(response.body()).startsWith("RIFF");
	}

	@Test
	void neverShowsTheApiKeyOrFullNumbersInToString() {
		this.wire.post("/v1/sms/send", SMS);
		this.wire.post("/v1/verify/start", "{\"to\":\"+14155550123\"}");
		assertThat(this.sandbox.toString()).doesNotContain(this.sandbox.apiKey());
		assertThat(this.sandbox.sentMessages().get(0).toString()).doesNotContain("4155550123").doesNotContain("Hello");
		assertThat(this.sandbox.verifications().get(0).toString()).doesNotContain("4155550123")
			.doesNotContain(this.sandbox.verificationCode("+14155550123"));
	}

}
