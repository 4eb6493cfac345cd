package io.sendpulse.spring.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Masks phone numbers for log lines, exception messages and {@code toString()}: only the
 * country code's first digit and the last four digits stay visible
 * ({@code +1******7890}).
 */
public final class PhoneNumbers {

	// An E.164-looking number, or a bare run of ten or more digits; as long as the run
	// goes, so that a number too long for E.164 shows no more than four digits either.
	private static final Pattern NUMBER = Pattern.compile("\\+[0-9]{6,}|\\b[0-9]{10,}\\b");

	private PhoneNumbers() {
	}

	/**
	 * Mask one phone number.
	 * @param number a phone number, in any format
	 * @return the masked number: {@code +1******7890} for {@code +12025557890}
	 */
	public static String mask(@Nullable String number) {
		if (number == null) {
			return "null";
		}
		int length = number.length();
		if (length <= 6) {
			return "*".repeat(length);
		}
		int head = number.startsWith("+") ? 2 : 1;
		return number.substring(0, head) + "*".repeat(length - head - 4) + number.substring(length - 4);
	}

	/**
	 * Mask every phone number in a text (a {@code +} and six or more digits, or ten or
	 * more digits), such as an error message that quotes a number.
	 * @param text the text
	 * @return the text with each number masked
	 */
	public static @Nullable String maskAll(@Nullable String text) {
		if (text == null) {
			return null;
		}
		Matcher matcher = NUMBER.matcher(text);
		StringBuilder masked = new StringBuilder(text.length());
		while (matcher.find()) {
			matcher.appendReplacement(masked, Matcher.quoteReplacement(mask(matcher.group())));
		}
		matcher.appendTail(masked);
		return masked.toString();
	}

}
