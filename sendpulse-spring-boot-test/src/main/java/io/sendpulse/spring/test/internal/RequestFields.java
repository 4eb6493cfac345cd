package io.sendpulse.spring.test.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The fields of one JSON object in a request, read with the API's rules, written here
 * independently of the client's: {@code to} is E.164, {@code from} is E.164 or an
 * alphanumeric sender ID of 1 to 11 characters, texts have a length range, URLs are
 * absolute http(s), instants ISO-8601, numbers whole and in range. Each failed rule is an
 * {@link ApiProblem} naming the field; unknown fields are ignored. Messages never echo a
 * full phone number.
 */
final class RequestFields {

	private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{1,14}$");

	private static final Pattern SENDER_ID = Pattern.compile("^[A-Za-z0-9 ]{1,11}$");

	private final JsonNode node;

	private final String prefix;

	RequestFields(JsonNode node, String prefix) {
		this.node = node;
		this.prefix = prefix;
	}

	String name(String field) {
		return this.prefix + field;
	}

	boolean has(String field) {
		JsonNode value = this.node.get(field);
		return value != null && !value.isNull();
	}

	@Nullable JsonNode node(String field) {
		JsonNode value = this.node.get(field);
		return (value != null && !value.isNull()) ? value : null;
	}

	String requiredString(String field) {
		String value = optionalString(field);
		if (value == null) {
			throw ApiProblem.invalid(name(field), name(field) + " is required");
		}
		return value;
	}

	@Nullable String optionalString(String field) {
		JsonNode value = node(field);
		if (value == null) {
			return null;
		}
		if (!value.isString()) {
			throw ApiProblem.invalid(name(field), name(field) + " must be a string");
		}
		return value.stringValue();
	}

	String e164(String field) {
		String number = requiredString(field);
		if (!E164.matcher(number).matches()) {
			throw ApiProblem.invalid(name(field), name(field) + " must be a phone number in E.164 format "
					+ "(^\\+[1-9][0-9]{1,14}$), but was '" + PhoneMask.mask(number) + "'");
		}
		return number;
	}

	String sender(String field) {
		String sender = requiredString(field);
		if (!E164.matcher(sender).matches() && !SENDER_ID.matcher(sender).matches()) {
			throw ApiProblem.invalid(name(field), name(field) + " must be an E.164 phone number or an alphanumeric "
					+ "sender ID of 1 to 11 characters [A-Za-z0-9 ]");
		}
		return sender;
	}

	// A call's caller ID: the voice-enabled number, never a sender ID.
	String callerId(String field) {
		String number = requiredString(field);
		if (!E164.matcher(number).matches()) {
			throw ApiProblem.invalid(name(field),
					name(field) + " must be your voice-enabled phone number in E.164 format (^\\+[1-9][0-9]{1,14}$)");
		}
		return number;
	}

	String text(String field, int max) {
		String text = requiredString(field);
		if (text.isEmpty() || text.length() > max) {
			throw ApiProblem.invalid(name(field), name(field) + " must be 1 to " + max + " characters long, but was "
					+ text.length() + " characters");
		}
		return text;
	}

	@Nullable URI httpUrl(String field) {
		String value = optionalString(field);
		if (value == null) {
			return null;
		}
		try {
			URI uri = new URI(value);
			String scheme = uri.getScheme();
			if (uri.isAbsolute() && uri.getHost() != null
					&& ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
				return uri;
			}
		}
		catch (URISyntaxException ex) {
			// Reported below, as any other URL that is not an absolute http(s) URL.
		}
		throw ApiProblem.invalid(name(field), name(field) + " must be an absolute http or https URL");
	}

	@Nullable Instant instant(String field) {
		String value = optionalString(field);
		if (value == null) {
			return null;
		}
		try {
			return Instant.parse(value);
		}
		catch (DateTimeParseException ex) {
			throw ApiProblem.invalid(name(field),
					name(field) + " must be an ISO-8601 instant, such as 2026-01-15T10:30:00Z");
		}
	}

	@Nullable Integer range(String field, int min, int max) {
		JsonNode value = node(field);
		if (value == null) {
			return null;
		}
		if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
			throw ApiProblem.invalid(name(field),
					name(field) + " must be a whole number between " + min + " and " + max);
		}
		return value.intValue();
	}

	@Nullable Boolean bool(String field) {
		JsonNode value = node(field);
		if (value == null) {
			return null;
		}
		if (!value.isBoolean()) {
			throw ApiProblem.invalid(name(field), name(field) + " must be true or false");
		}
		return value.booleanValue();
	}

	@Nullable String key(String field) {
		String key = optionalString(field);
		if (key != null && !key.matches("[0-9*#]")) {
			throw ApiProblem.invalid(name(field), name(field) + " must be one key: 0-9, * or #");
		}
		return key;
	}

}
