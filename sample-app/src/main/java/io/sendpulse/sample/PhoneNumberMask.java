package io.sendpulse.sample;

import org.jspecify.annotations.Nullable;

/**
 * Masks a phone number before it is logged or shown: the {@code +}, the country code's
 * first digit and the last four digits stay, every other digit becomes {@code *}
 * ({@code +14155550123} becomes {@code +1******0123}). Enough to tell numbers apart in a
 * log or on a page, not enough to call anyone. Your application needs the same few lines:
 * a number is personal data.
 */
final class PhoneNumberMask {

	private static final int VISIBLE_TAIL = 4;

	private PhoneNumberMask() {
	}

	/**
	 * Mask a phone number.
	 * @param number the number, E.164 or anything else
	 * @return the masked number, or {@code null} for {@code null}
	 */
	static @Nullable String mask(@Nullable String number) {
		if (number == null) {
			return null;
		}
		int head = number.startsWith("+") ? 2 : 1;
		int tail = number.length() - VISIBLE_TAIL;
		if (tail - head < VISIBLE_TAIL) {
			// Too short to show the ends and still hide as many digits as are shown.
			return "*".repeat(number.length());
		}
		return number.substring(0, head) + "*".repeat(tail - head) + number.substring(tail);
	}

}
