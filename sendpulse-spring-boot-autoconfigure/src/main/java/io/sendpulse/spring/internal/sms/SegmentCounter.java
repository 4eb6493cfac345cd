package io.sendpulse.spring.internal.sms;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.sendpulse.spring.sms.SmsEncoding;

/**
 * Counts the segments a text takes, as handsets and SMSCs split it.
 * <p>
 * A text whose every character is in the GSM 03.38 basic or extension table is GSM-7:
 * basic characters take one septet, extension characters two (the escape and the code).
 * Any other text is UCS-2, counted in UTF-16 code units: a character outside the Basic
 * Multilingual Plane takes two (a surrogate pair); an unpaired surrogate takes one.
 * <p>
 * A text that fits one SMS (160 septets, 70 code units) takes one segment. A longer one
 * is cut into parts of at most 153 septets or 67 code units, filled in order, and a cut
 * never separates an escape from its code nor a high surrogate from its low surrogate:
 * handsets and SMSCs (Android's {@code SmsMessage.fragmentText}, for one) move the whole
 * character to the next part, so a part may hold one unit less than its maximum and the
 * text may take one segment more than its length divided by 153 or 67.
 */
public final class SegmentCounter {

	private SegmentCounter() {
	}

	/**
	 * Count a text.
	 * @param text the text
	 * @return its encoding, length, segments and the characters that forced UCS-2
	 */
	public static SegmentCount count(String text) {
		int septets = 0;
		for (int i = 0; i < text.length(); i++) {
			int size = GsmAlphabet.septets(text.charAt(i));
			if (size == 0) {
				return ucs2(text);
			}
			septets += size;
		}
		return new SegmentCount(SmsEncoding.GSM_7, septets, segments(text, SmsEncoding.GSM_7, septets), List.of());
	}

	private static SegmentCount ucs2(String text) {
		Set<String> unicode = new LinkedHashSet<>();
		for (int i = 0; i < text.length(); i += unitsAt(text, i)) {
			if (GsmAlphabet.septets(text.charAt(i)) == 0) {
				unicode.add(text.substring(i, i + unitsAt(text, i)));
			}
		}
		return new SegmentCount(SmsEncoding.UCS_2, text.length(), segments(text, SmsEncoding.UCS_2, text.length()),
				new ArrayList<>(unicode));
	}

	private static int segments(String text, SmsEncoding encoding, int length) {
		if (length == 0) {
			return 0;
		}
		if (length <= encoding.singleSegmentLength()) {
			return 1;
		}
		int perPart = encoding.concatenatedSegmentLength();
		int segments = 1;
		int used = 0;
		for (int i = 0; i < text.length();) {
			// a character's units stay together: escape and code, or a surrogate pair
			int units = (encoding == SmsEncoding.GSM_7) ? 1 : unitsAt(text, i);
			int size = (encoding == SmsEncoding.GSM_7) ? GsmAlphabet.septets(text.charAt(i)) : units;
			if (used + size > perPart) {
				segments++;
				used = 0;
			}
			used += size;
			i += units;
		}
		return segments;
	}

	/** UTF-16 units of the character at an index: 2 for a surrogate pair, else 1. */
	private static int unitsAt(String text, int index) {
		return (Character.isHighSurrogate(text.charAt(index)) && index + 1 < text.length()
				&& Character.isLowSurrogate(text.charAt(index + 1))) ? 2 : 1;
	}

}
