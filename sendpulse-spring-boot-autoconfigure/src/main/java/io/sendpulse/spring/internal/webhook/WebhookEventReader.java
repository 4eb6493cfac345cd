package io.sendpulse.spring.internal.webhook;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import io.sendpulse.spring.sms.SmsStatus;
import io.sendpulse.spring.verify.VerificationStatus;
import io.sendpulse.spring.voice.CallStatus;
import io.sendpulse.spring.webhook.CallGatherEvent;
import io.sendpulse.spring.webhook.CallRecordingEvent;
import io.sendpulse.spring.webhook.CallStatusEvent;
import io.sendpulse.spring.webhook.SendPulseEvent;
import io.sendpulse.spring.webhook.SmsStatusEvent;
import io.sendpulse.spring.webhook.UnknownEvent;
import io.sendpulse.spring.webhook.VerificationEvent;
import io.sendpulse.spring.webhook.WebhookVerificationException.Reason;
import io.sendpulse.spring.webhook.WebhookVerificationException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a verified body into its {@link SendPulseEvent}: one tree read, no data binding,
 * so that the cost stays small and predictable. Field names are the wire's snake_case.
 * Only {@code event} and {@code timestamp} are required: a signed event is never refused
 * for its shape, so a missing or empty field of a known type is read as {@code null} (or
 * empty digits, or an {@code UNKNOWN} status); a value that does not fit its type is
 * {@link Reason#MALFORMED}, never an unexpected exception.
 */
public final class WebhookEventReader {

	// Our own mapper: an application's Jackson settings never change how webhooks are
	// read.
	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	// Nanoseconds that the last of n digits of a fraction of a second stands for, by n.
	private static final int[] NANOS_PER_FRACTION_DIGIT = { 0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000,
			1_000, 100, 10, 1 };

	private WebhookEventReader() {
	}

	public static SendPulseEvent read(byte[] body) {
		JsonNode root = tree(body);
		String type = text(root, "event");
		if (type == null) {
			throw malformed("Field 'event' is missing or not text");
		}
		Instant timestamp = timestamp(root);
		return switch (type) {
			case "sms.queued", "sms.sent", "sms.delivered", "sms.undelivered", "sms.failed" ->
				sms(type, root, timestamp);
			case "verify.approved", "verify.expired", "verify.failed" -> verification(type, root, timestamp);
			case "call.gather" -> {
				String digits = text(root, "digits");
				yield new CallGatherEvent(type, text(root, "call_id"), (digits != null) ? digits : "", timestamp);
			}
			case "call.recording" -> new CallRecordingEvent(type, text(root, "call_id"), uri(root, "recording_url"),
					duration(root, "duration"), timestamp);
			case "call.queued", "call.ringing", "call.in_progress", "call.completed", "call.busy", "call.no_answer",
					"call.failed" ->
				new CallStatusEvent(type, text(root, "call_id"), text(root, "to"), CallStatus.of(text(root, "status")),
						duration(root, "duration"), timestamp);
			default -> newer(type, root, timestamp, body);
		};
	}

	/**
	 * An event the contract does not name is never refused: a newer status event of a
	 * known family that carries its family's fields (say sms.bounced) is typed, with an
	 * UNKNOWN status; anything else (say sms.clicked) is an UnknownEvent with the raw
	 * JSON.
	 */
	private static SendPulseEvent newer(String type, JsonNode root, Instant timestamp, byte[] body) {
		if (type.startsWith("sms.") && hasText(root, "message_id", "to", "status")) {
			return sms(type, root, timestamp);
		}
		if (type.startsWith("verify.") && hasText(root, "request_id", "to", "status")) {
			return verification(type, root, timestamp);
		}
		return new UnknownEvent(type, timestamp, new String(body, StandardCharsets.UTF_8));
	}

	private static SmsStatusEvent sms(String type, JsonNode root, Instant timestamp) {
		return new SmsStatusEvent(type, text(root, "message_id"), text(root, "to"), SmsStatus.of(text(root, "status")),
				timestamp);
	}

	private static VerificationEvent verification(String type, JsonNode root, Instant timestamp) {
		return new VerificationEvent(type, text(root, "request_id"), text(root, "to"),
				VerificationStatus.of(text(root, "status")), timestamp);
	}

	private static boolean hasText(JsonNode root, String... fields) {
		for (String field : fields) {
			if (text(root, field) == null) {
				return false;
			}
		}
		return true;
	}

	private static JsonNode tree(byte[] body) {
		JsonNode root;
		try {
			root = MAPPER.readTree(body);
		}
		catch (JacksonException ex) {
			throw malformed("Body is not JSON");
		}
		if (root == null || !root.isObject()) {
			throw malformed("Body is not a JSON object");
		}
		return root;
	}

	private static Instant timestamp(JsonNode root) {
		JsonNode value = root.get("timestamp");
		if (value != null && value.isString()) {
			try {
				return instant(value.stringValue());
			}
			catch (DateTimeException ex) {
				throw malformed("Field 'timestamp' is not an ISO-8601 instant");
			}
		}
		if (value != null && value.isIntegralNumber()) {
			// Epoch seconds, in case a sender writes a number.
			try {
				return Instant.ofEpochSecond(value.canConvertToLong() ? value.longValue() : Long.MAX_VALUE);
			}
			catch (DateTimeException ex) {
				throw malformed("Field 'timestamp' is out of range");
			}
		}
		throw malformed("Field 'timestamp' is missing or not an instant");
	}

	/**
	 * Read an ISO-8601 instant as {@link Instant#parse} does. The shape SendPulse sends,
	 * {@code 2026-01-15T10:30:00Z} with or without a fraction of a second, is read here:
	 * {@code DateTimeFormatter} took half of reading a delivery into its event, and a
	 * quarter of all the starter did for it on the event loop (a profile of benchmark
	 * B4). Anything else (an offset, a leap second, a value out of range) is left to
	 * {@link Instant#parse}, which decides.
	 * @throws DateTimeException if the text is not an ISO-8601 instant
	 */
	static Instant instant(String text) {
		Instant instant = utcInstant(text);
		return (instant != null) ? instant : Instant.parse(text);
	}

	// yyyy-MM-ddTHH:mm:ssZ, or with a dot and 1 to 9 digits before the Z; null otherwise.
	static @Nullable Instant utcInstant(String text) {
		int length = text.length();
		if (length != 20 && (length < 22 || length > 30)) {
			return null;
		}
		if (text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':'
				|| text.charAt(16) != ':' || text.charAt(length - 1) != 'Z'
				|| (length > 20 && text.charAt(19) != '.')) {
			return null;
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		int fraction = (length > 20) ? digits(text, 20, length - 21) : 0;
		// The end of the day and a leap second are Instant.parse's.
		if (year < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59
				|| fraction < 0) {
			return null;
		}
		LocalDate date;
		try {
			date = LocalDate.of(year, month, day);
		}
		catch (DateTimeException ex) {
			// Instant.parse refuses it too, and says why.
			return null;
		}
		long epochSecond = date.toEpochDay() * 86_400 + hour * 3_600 + minute * 60 + second;
		int nanos = (length > 20) ? fraction * NANOS_PER_FRACTION_DIGIT[length - 21] : 0;
		return Instant.ofEpochSecond(epochSecond, nanos);
	}

	// The ASCII digits at [start, start + count) as a number, or -1.
	private static int digits(String text, int start, int count) {
		int value = 0;
		for (int i = start; i < start + count; i++) {
			char c = text.charAt(i);
			if (c < '0' || c > '9') {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	// Text or a number written as text; null when missing, null or empty.
	private static @Nullable String text(JsonNode root, String field) {
		JsonNode value = root.get(field);
		if (value == null || !(value.isString() || value.isNumber()) || value.asString().isEmpty()) {
			return null;
		}
		return value.asString();
	}

	// Seconds, whole or fractional; null when missing.
	private static @Nullable Duration duration(JsonNode root, String field) {
		JsonNode value = root.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (!value.isNumber()) {
			throw malformed("Field '" + field + "' is not a number of seconds");
		}
		if (value.isFloatingPointNumber() && !Double.isFinite(value.doubleValue())) {
			throw malformed("Field '" + field + "' is out of range");
		}
		BigDecimal seconds = value.decimalValue();
		// The magnitude is checked before any arithmetic, which would be slow on a number
		// like 1e999999999 or 1e-999999999.
		int magnitude = seconds.precision() - seconds.scale();
		if (magnitude > 19) {
			throw malformed("Field '" + field + "' is out of range");
		}
		if (magnitude < -9) {
			return Duration.ZERO;
		}
		try {
			return Duration.ofSeconds(seconds.setScale(0, RoundingMode.DOWN).longValueExact(),
					seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
		}
		catch (ArithmeticException | NumberFormatException ex) {
			throw malformed("Field '" + field + "' is out of range");
		}
	}

	private static @Nullable URI uri(JsonNode root, String field) {
		String value = text(root, field);
		if (value == null) {
			return null;
		}
		try {
			return new URI(value);
		}
		catch (URISyntaxException ex) {
			throw malformed("Field '" + field + "' is not a URL");
		}
	}

	private static WebhookVerificationException malformed(String message) {
		return new WebhookVerificationException(Reason.MALFORMED, message);
	}

}
