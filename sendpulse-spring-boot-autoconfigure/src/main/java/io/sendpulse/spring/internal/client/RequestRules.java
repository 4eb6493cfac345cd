package io.sendpulse.spring.internal.client;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

import io.sendpulse.spring.internal.PhoneNumbers;
import org.jspecify.annotations.Nullable;

/**
 * The API's rules for request fields, checked before any request is sent. Each check
 * throws an {@link IllegalArgumentException} that names the field and the rule, and never
 * echoes a full phone number.
 * <p>
 * For the starter's own request builders; public so that the builders in each service
 * package can share one set of rules.
 */
public final class RequestRules {

	private static final Pattern E164 = Pattern.compile("^\\+[1-9][0-9]{1,14}$");

	private static final Pattern SENDER_ID = Pattern.compile("^[A-Za-z0-9 ]{1,11}$");

	private static final int MIN_CODE_LENGTH = 4;

	private static final int MAX_CODE_LENGTH = 8;

	private static final Pattern CODE = Pattern.compile("^[0-9]{" + MIN_CODE_LENGTH + "," + MAX_CODE_LENGTH + "}$");

	private static final Pattern KEY = Pattern.compile("^[0-9*#]$");

	private RequestRules() {
	}

	/**
	 * Require a phone number in E.164 format.
	 * @param field the field's name, as in the API
	 * @param value the value
	 * @return the value
	 */
	public static String e164(String field, @Nullable String value) {
		String number = required(field, value);
		if (!E164.matcher(number).matches()) {
			throw new IllegalArgumentException(
					field + " must be a phone number in E.164 format (^\\+[1-9][0-9]{1,14}$, "
							+ "for example +14155550123), but was '" + PhoneNumbers.mask(number) + "'");
		}
		return number;
	}

	/**
	 * Require a sender: an E.164 number or an alphanumeric sender ID of 1 to 11
	 * characters.
	 * @param field the field's name, as in the API
	 * @param value the value
	 * @return the value
	 */
	public static String sender(String field, @Nullable String value) {
		String sender = required(field, value);
		if (sender.isBlank()) {
			throw new IllegalArgumentException(field + " must be an E.164 phone number or an alphanumeric sender ID "
					+ "of 1 to 11 characters [A-Za-z0-9 ], not only spaces");
		}
		if (!E164.matcher(sender).matches() && !SENDER_ID.matcher(sender).matches()) {
			throw new IllegalArgumentException(field + " must be an E.164 phone number or an alphanumeric sender ID "
					+ "of 1 to 11 characters [A-Za-z0-9 ], but was '" + shownSender(sender) + "' (" + sender.length()
					+ " characters)");
		}
		return sender;
	}

	/**
	 * Require a voice call's caller ID: the account's voice-enabled number, in E.164
	 * format. Unlike an SMS sender, it cannot be an alphanumeric sender ID: a telephone
	 * network shows the callee a number.
	 * @param field the field's name, as in the API
	 * @param value the value
	 * @return the value
	 */
	public static String callerId(String field, @Nullable String value) {
		String number = required(field, value);
		if (number.isBlank()) {
			throw new IllegalArgumentException(
					field + " must be your voice-enabled phone number in E.164 format, not only spaces");
		}
		if (!E164.matcher(number).matches()) {
			throw new IllegalArgumentException(field + " must be your voice-enabled phone number in E.164 format "
					+ "(^\\+[1-9][0-9]{1,14}$, for example +14155550123); a call cannot show a sender ID, but was '"
					+ shownSender(number) + "'");
		}
		return number;
	}

	// A wrong sender that may be a phone number, however written (+1 415 555 0123,
	// +1-415-555-0123), masked whole; a sender ID as it is.
	private static String shownSender(String sender) {
		long digits = sender.chars().filter((c) -> c >= '0' && c <= '9').count();
		return (sender.indexOf('+') >= 0 || digits >= 7) ? PhoneNumbers.mask(sender) : sender;
	}

	/**
	 * Require a text of {@code 1} to {@code max} characters.
	 * @param field the field's name, as in the API
	 * @param value the value
	 * @param max the maximum length
	 * @return the value
	 */
	public static String text(String field, @Nullable String value, int max) {
		String text = required(field, value);
		if (text.isEmpty() || text.length() > max) {
			throw new IllegalArgumentException(
					field + " must be 1 to " + max + " characters long, but was " + text.length() + " characters");
		}
		return text;
	}

	/**
	 * Require an absolute http or https URL.
	 * @param field the field's name, as in the API
	 * @param value the value
	 * @return the value
	 */
	public static URI httpUrl(String field, URI value) {
		String scheme = value.getScheme();
		if (!value.isAbsolute() || value.getHost() == null
				|| !("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))) {
			// Never the URL itself: its path or query may hold a token.
			String found = (scheme == null) ? "a relative URL"
					: (value.getHost() == null) ? "a URL without host" : "a URL with scheme '" + scheme + "'";
			throw new IllegalArgumentException(field + " must be an absolute http or https URL, but was " + found);
		}
		return value;
	}

	/**
	 * Require an instant in the future.
	 * @param field the field's name, as in the API
	 * @param value the value
	 * @return the value
	 */
	public static Instant future(String field, Instant value) {
		if (!value.isAfter(Instant.now())) {
			throw new IllegalArgumentException(field + " must be in the future, but was " + value);
		}
		return value;
	}

	/**
	 * Require a whole number within bounds.
	 * @param field the field's name, as in the API
	 * @param value the value
	 * @param min the smallest value allowed
	 * @param max the largest value allowed
	 * @return the value
	 */
	public static int range(String field, int value, int min, int max) {
		if (value < min || value > max) {
			throw new IllegalArgumentException(
					field + " must be between " + min + " and " + max + ", but was " + value);
		}
		return value;
	}

	/**
	 * Require a duration of a whole, positive number of seconds, at most
	 * {@code maxSeconds}.
	 * @param field the field's name, as in the API
	 * @param value the value
	 * @param maxSeconds the longest duration allowed, in seconds
	 * @return the duration in seconds
	 */
	public static long seconds(String field, Duration value, long maxSeconds) {
		if (value.isNegative() || value.isZero() || value.getNano() != 0 || value.getSeconds() > maxSeconds) {
			throw new IllegalArgumentException(
					field + " must be a whole number of seconds between 1 and " + maxSeconds + ", but was " + value);
		}
		return value.getSeconds();
	}

	/**
	 * Require a verification code length: 4 to 8 digits.
	 * @param field the field's name, as in the API or the property
	 * @param value the value
	 * @return the value
	 */
	public static int codeLength(String field, int value) {
		return range(field, value, MIN_CODE_LENGTH, MAX_CODE_LENGTH);
	}

	/**
	 * Require a verification code: 4 to 8 digits, as many as a code can have.
	 * @param field the field's name, as in the API
	 * @param value the value
	 * @return the value
	 */
	public static String code(String field, @Nullable String value) {
		String code = required(field, value);
		if (!CODE.matcher(code).matches()) {
			// The code itself is a secret: name the rule, not the value.
			throw new IllegalArgumentException(
					field + " must be " + MIN_CODE_LENGTH + " to " + MAX_CODE_LENGTH + " digits");
		}
		return code;
	}

	/**
	 * Require one key of a phone's keypad that can end an input: {@code 0-9}, {@code *}
	 * or {@code #}.
	 * @param field the field's name, as in the API
	 * @param value the value
	 * @return the value
	 */
	public static String finishOnKey(String field, String value) {
		if (!KEY.matcher(value).matches()) {
			throw new IllegalArgumentException(field + " must be one key: 0-9, * or #, but was '" + value + "'");
		}
		return value;
	}

	/**
	 * Require an id the API gave (a message's, a verification's): not blank, which would
	 * name no resource ({@code GET /v1/sms/} for a status).
	 * @param field the field's name
	 * @param value the value
	 * @return the value
	 */
	public static String id(String field, @Nullable String value) {
		String id = required(field, value);
		if (id.isBlank()) {
			throw new IllegalArgumentException(field + " must be an id the API gave, not blank");
		}
		return id;
	}

	/**
	 * Require a value to be present.
	 * @param <T> the type of the value
	 * @param field the field's name, as in the API
	 * @param value the value
	 * @return the value
	 */
	public static <T> T required(String field, @Nullable T value) {
		if (value == null) {
			throw new IllegalArgumentException(field + " is required");
		}
		return value;
	}

}
