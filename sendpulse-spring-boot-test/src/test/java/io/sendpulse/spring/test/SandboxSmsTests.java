package io.sendpulse.spring.test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import io.sendpulse.spring.sms.SmsStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's {@code POST /v1/sms/send} and {@code GET /v1/sms/{id}}: field rules,
 * segments and cost, and the lifecycle on its clock. Over real HTTP with a plain JDK
 * client.
 */
class SandboxSmsTests extends SandboxWireTestSupport {

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
	void chargesEverySegmentOfALongText() {
		this.sandbox.setBalance(new BigDecimal("0.0100"));
		String twoSegments = "{\"to\":\"+14155550123\",\"from\":\"MyApp\",\"text\":\"" + "a".repeat(200) + "\"}";
		assertThat(this.wire.post("/v1/sms/send", twoSegments).status()).isEqualTo(402);
		assertThat(this.wire.post("/v1/sms/send", SMS).status()).isEqualTo(200);
	}

}
