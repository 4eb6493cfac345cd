package io.sendpulse.spring.test.internal;

import org.jspecify.annotations.Nullable;

/**
 * Masks phone numbers in the sandbox's messages, logs and {@code toString()}: the country
 * code's first digit and the last four digits stay visible ({@code +1******7890}). The
 * sandbox's own copy of the rule, so that it does not lean on the client's.
 */
public final class PhoneMask {

	private PhoneMask() {
	}

	/**
	 * Mask one phone number, or a sender that may be one.
	 * @param number the number
	 * @return the masked number: {@code +1******7890} for {@code +12025557890}, and only
	 * stars for six characters or fewer
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
	 * Mask a sender: a phone number is masked, an alphanumeric sender ID (which names the
	 * application, not a person) stays readable.
	 * @param sender the sender
	 * @return the sender as it may be shown
	 */
	public static String maskSender(String sender) {
		return sender.matches("\\+?[0-9]{7,}") ? mask(sender) : sender;
	}

}
