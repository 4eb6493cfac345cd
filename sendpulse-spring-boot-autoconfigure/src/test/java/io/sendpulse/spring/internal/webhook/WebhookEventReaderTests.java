package io.sendpulse.spring.internal.webhook;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;

import io.sendpulse.spring.webhook.SendPulseEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link WebhookEventReader}'s timestamps: read without
 * {@code DateTimeFormatter} in the shape SendPulse sends, and exactly as
 * {@link Instant#parse} reads them, or refuses them, in every other.
 */
class WebhookEventReaderTests {

	@ParameterizedTest
	@ValueSource(strings = { "2026-01-15T10:30:00Z", "2026-01-15T10:30:00.5Z", "2026-01-15T10:30:00.12Z",
			"2026-01-15T10:30:00.123Z", "2026-01-15T10:30:00.1234Z", "2026-01-15T10:30:00.12345Z",
			"2026-01-15T10:30:00.123456Z", "2026-01-15T10:30:00.1234567Z", "2026-01-15T10:30:00.12345678Z",
			"2026-01-15T10:30:00.123456789Z", "2026-01-15T10:30:00.000000001Z", "1970-01-01T00:00:00Z",
			"1969-12-31T23:59:59.5Z", "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00Z",
			"2000-02-29T00:00:00Z", "2026-12-31T23:59:59Z", "2026-04-30T00:00:00Z",
			// Left to Instant.parse: an offset, lower case, the end of the day, a dot
			// without digits, a leap second, a year of more than four digits or below
			// zero.
			"2026-01-15T12:30:00+02:00", "2026-01-15T24:00:00Z", "2026-01-15T10:30:00.Z", "2026-01-15t10:30:00z",
			"2016-12-31T23:59:60Z", "+12026-01-15T10:30:00Z", "-2026-01-15T10:30:00Z" })
	void readsAnInstantAsInstantParseDoes(String text) {
		assertThat(WebhookEventReader.instant(text)).isEqualTo(Instant.parse(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-01-15T10:30:00Z", "2026-01-15T10:30:00.5Z", "2026-01-15T10:30:00.123456789Z",
			"2024-02-29T12:00:00Z" })
	void readsTheShapeSendPulseSendsWithoutInstantParse(String text) {
		assertThat(WebhookEventReader.utcInstant(text)).isEqualTo(Instant.parse(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "2026-01-15", "2026-01-15T10:30Z", "2026-01-15T10:30:00", "2026-01-15 10:30:00Z",
			"2026-01-15T10:30:00.1234567890Z", "2026-01-15T10:30:00,5Z", "2026-13-01T00:00:00Z", "2026-00-01T00:00:00Z",
			"2026-01-00T00:00:00Z", "2026-01-32T00:00:00Z", "2023-02-29T00:00:00Z", "1900-02-29T00:00:00Z",
			"2026-04-31T00:00:00Z", "2026-01-15T10:60:00Z", "2026-01-15T10:30:61Z", "2026-01-15T1a:30:00Z",
			"20２6-01-15T10:30:00Z", "2026-01-15T10:30:00.12a4Z", "2026-01-15T10:30:00+2Z", "yesterday" })
	void refusesWhatInstantParseRefuses(String text) {
		assertThatExceptionOfType(DateTimeException.class).isThrownBy(() -> Instant.parse(text));
		assertThatExceptionOfType(DateTimeException.class).isThrownBy(() -> WebhookEventReader.instant(text));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-01-15T10:30:00.25Z", "2026-01-15T12:30:00.25+02:00" })
	void readsTheEventsTimestamp(String timestamp) {
		SendPulseEvent event = WebhookEventReader.read(("{\"event\":\"sms.delivered\",\"message_id\":\"msg_1\","
				+ "\"status\":\"delivered\",\"timestamp\":\"" + timestamp + "\"}")
			.getBytes(StandardCharsets.UTF_8));
		assertThat(event.timestamp()).isEqualTo(Instant.parse("2026-01-15T10:30:00.25Z"));
	}

}
