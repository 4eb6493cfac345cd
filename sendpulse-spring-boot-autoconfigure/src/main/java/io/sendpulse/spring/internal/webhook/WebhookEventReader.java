package io.sendpulse.spring.internal.webhook;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

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
 */
public final class WebhookEventReader {

	// Our own mapper: an application's Jackson settings never change how webhooks are
	// read.
	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private WebhookEventReader() {
	}

	public static SendPulseEvent read(byte[] body) {
		JsonNode root = tree(body);
		String type = requiredText(root, "event");
		Instant timestamp = timestamp(root);
		return switch (type) {
			case "sms.queued", "sms.sent", "sms.delivered", "sms.undelivered", "sms.failed" ->
				sms(type, root, timestamp);
			case "verify.approved", "verify.expired", "verify.failed" -> verification(type, root, timestamp);
			case "call.gather" ->
				new CallGatherEvent(type, requiredText(root, "call_id"), requiredText(root, "digits"), timestamp);
			case "call.recording" -> new CallRecordingEvent(type, requiredText(root, "call_id"),
					uri(requiredText(root, "recording_url")), requiredDuration(root, "duration"), timestamp);
			case "call.queued", "call.ringing", "call.in_progress", "call.completed", "call.busy", "call.no_answer",
					"call.failed" ->
				new CallStatusEvent(type, requiredText(root, "call_id"), requiredText(root, "to"),
						CallStatus.of(requiredText(root, "status")), duration(root, "duration"), timestamp);
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
		return new SmsStatusEvent(type, requiredText(root, "message_id"), requiredText(root, "to"),
				SmsStatus.of(requiredText(root, "status")), timestamp);
	}

	private static VerificationEvent verification(String type, JsonNode root, Instant timestamp) {
		return new VerificationEvent(type, requiredText(root, "request_id"), requiredText(root, "to"),
				VerificationStatus.of(requiredText(root, "status")), timestamp);
	}

	private static boolean hasText(JsonNode root, String... fields) {
		for (String field : fields) {
			JsonNode value = root.get(field);
			if (value == null || !value.isString() || value.stringValue().isEmpty()) {
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
				return Instant.parse(value.stringValue());
			}
			catch (DateTimeParseException ex) {
				throw malformed("Field 'timestamp' is not an ISO-8601 instant");
			}
		}
		if (value != null && value.isIntegralNumber() && value.canConvertToLong()) {
			// Epoch seconds, in case a sender writes a number.
			return Instant.ofEpochSecond(value.longValue());
		}
		throw malformed("Field 'timestamp' is missing or not an instant");
	}

	private static String requiredText(JsonNode root, String field) {
		JsonNode value = root.get(field);
		if (value == null || !(value.isString() || value.isNumber()) || value.asString().isEmpty()) {
			throw malformed("Field '" + field + "' is missing or not text");
		}
		return value.asString();
	}

	private static Duration requiredDuration(JsonNode root, String field) {
		Duration duration = duration(root, field);
		if (duration == null) {
			throw malformed("Field '" + field + "' is missing");
		}
		return duration;
	}

	// Seconds, whole or fractional.
	private static @Nullable Duration duration(JsonNode root, String field) {
		JsonNode value = root.get(field);
		if (value == null || value.isNull()) {
			return null;
		}
		if (value.isIntegralNumber() && value.canConvertToLong()) {
			return Duration.ofSeconds(value.longValue());
		}
		if (value.isNumber()) {
			BigDecimal seconds = value.decimalValue();
			return Duration.ofSeconds(seconds.longValue(),
					seconds.remainder(BigDecimal.ONE).movePointRight(9).intValue());
		}
		throw malformed("Field '" + field + "' is not a number of seconds");
	}

	private static URI uri(String value) {
		try {
			return new URI(value);
		}
		catch (URISyntaxException ex) {
			throw malformed("Field 'recording_url' is not a URL");
		}
	}

	private static WebhookVerificationException malformed(String message) {
		return new WebhookVerificationException(Reason.MALFORMED, message);
	}

}
