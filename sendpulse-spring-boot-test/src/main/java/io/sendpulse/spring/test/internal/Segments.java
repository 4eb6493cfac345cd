package io.sendpulse.spring.test.internal;

/**
 * Counts the SMS segments a text takes, as carriers do: a text that only uses the GSM
 * 03.38 alphabet is sent as 7-bit GSM (160 septets in one segment, 153 per segment of a
 * longer message, the extension characters taking two septets and never split); any other
 * text is sent as UCS-2 (70 UTF-16 units in one segment, 67 per segment of a longer
 * message, a surrogate pair never split).
 */
final class Segments {

	private static final String GSM_BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
			+ "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

	private static final String GSM_EXTENSION = "\f^{}\\[~]|€";

	private Segments() {
	}

	static int count(String text) {
		int[] septets = new int[text.length()];
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (GSM_BASIC.indexOf(c) >= 0) {
				septets[i] = 1;
			}
			else if (GSM_EXTENSION.indexOf(c) >= 0) {
				septets[i] = 2;
			}
			else {
				return ucs2(text);
			}
		}
		return split(septets, 160, 153);
	}

	private static int ucs2(String text) {
		int[] units = new int[text.codePointCount(0, text.length())];
		int index = 0;
		for (int i = 0; i < text.length(); i += Character.charCount(text.codePointAt(i))) {
			units[index++] = Character.charCount(text.codePointAt(i));
		}
		return split(units, 70, 67);
	}

	// Fills segments greedily; a character that does not fit whole starts the next
	// segment.
	private static int split(int[] sizes, int single, int perPart) {
		int total = 0;
		for (int size : sizes) {
			total += size;
		}
		if (total <= single) {
			return 1;
		}
		int segments = 1;
		int used = 0;
		for (int size : sizes) {
			if (used + size > perPart) {
				segments++;
				used = 0;
			}
			used += size;
		}
		return segments;
	}

}
