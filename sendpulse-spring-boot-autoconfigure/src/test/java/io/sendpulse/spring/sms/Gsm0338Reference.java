package io.sendpulse.spring.sms;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * A second SMS segment counter, written for the tests apart from the production one, so
 * that the two can be compared: it encodes the text for real (septets from the Unicode
 * consortium's GSM0338 mapping, escapes included, or UTF-16 code units) and then cuts the
 * encoded units into parts by position, moving a cut back where it would separate an
 * escape from its code or a high surrogate from its low surrogate.
 */
final class Gsm0338Reference {

	private static final int ESCAPE = 0x1B;

	/** Unicode code point to its septets, from GSM0338.TXT (0x1B itself is left out). */
	private static final Map<Integer, int[]> SEPTETS = new HashMap<>();

	/** Smart encoding as the README documents it. */
	private static final Map<Integer, String> LOOK_ALIKES = new HashMap<>();

	static {
		int[][] basic = { { 0x00, 0x0040 }, { 0x01, 0x00A3 }, { 0x02, 0x0024 }, { 0x03, 0x00A5 }, { 0x04, 0x00E8 },
				{ 0x05, 0x00E9 }, { 0x06, 0x00F9 }, { 0x07, 0x00EC }, { 0x08, 0x00F2 }, { 0x09, 0x00C7 },
				{ 0x0A, 0x000A }, { 0x0B, 0x00D8 }, { 0x0C, 0x00F8 }, { 0x0D, 0x000D }, { 0x0E, 0x00C5 },
				{ 0x0F, 0x00E5 }, { 0x10, 0x0394 }, { 0x11, 0x005F }, { 0x12, 0x03A6 }, { 0x13, 0x0393 },
				{ 0x14, 0x039B }, { 0x15, 0x03A9 }, { 0x16, 0x03A0 }, { 0x17, 0x03A8 }, { 0x18, 0x03A3 },
				{ 0x19, 0x0398 }, { 0x1A, 0x039E }, { 0x1C, 0x00C6 }, { 0x1D, 0x00E6 }, { 0x1E, 0x00DF },
				{ 0x1F, 0x00C9 }, { 0x24, 0x00A4 }, { 0x40, 0x00A1 }, { 0x5B, 0x00C4 }, { 0x5C, 0x00D6 },
				{ 0x5D, 0x00D1 }, { 0x5E, 0x00DC }, { 0x5F, 0x00A7 }, { 0x60, 0x00BF }, { 0x7B, 0x00E4 },
				{ 0x7C, 0x00F6 }, { 0x7D, 0x00F1 }, { 0x7E, 0x00FC }, { 0x7F, 0x00E0 } };
		for (int[] row : basic) {
			SEPTETS.put(row[1], new int[] { row[0] });
		}
		// the rest of the basic table is ASCII at its own code
		for (int code = 0x20; code <= 0x7A; code++) {
			boolean ascii = code != 0x24 && code != 0x40 && !(code >= 0x5B && code <= 0x60);
			if (ascii) {
				SEPTETS.put(code, new int[] { code });
			}
		}
		int[][] extension = { { 0x0A, 0x000C }, { 0x14, 0x005E }, { 0x28, 0x007B }, { 0x29, 0x007D }, { 0x2F, 0x005C },
				{ 0x3C, 0x005B }, { 0x3D, 0x007E }, { 0x3E, 0x005D }, { 0x40, 0x007C }, { 0x65, 0x20AC } };
		for (int[] row : extension) {
			SEPTETS.put(row[1], new int[] { ESCAPE, row[0] });
		}
		for (int c : new int[] { 0x2018, 0x2019, 0x201A, 0x201B }) {
			LOOK_ALIKES.put(c, "'");
		}
		for (int c : new int[] { 0x201C, 0x201D, 0x201E, 0x201F }) {
			LOOK_ALIKES.put(c, "\"");
		}
		for (int c : new int[] { 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212 }) {
			LOOK_ALIKES.put(c, "-");
		}
		LOOK_ALIKES.put(0x2026, "...");
		for (int c = 0x2000; c <= 0x200A; c++) {
			LOOK_ALIKES.put(c, " ");
		}
		for (int c : new int[] { 0x00A0, 0x202F, 0x205F, 0x3000 }) {
			LOOK_ALIKES.put(c, " ");
		}
		for (int c : new int[] { 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00AD }) {
			LOOK_ALIKES.put(c, "");
		}
	}

	private Gsm0338Reference() {
	}

	static Count count(String text) {
		List<Integer> septets = new ArrayList<>();
		List<String> unicode = new ArrayList<>();
		text.codePoints().forEach((codePoint) -> {
			int[] encoded = SEPTETS.get(codePoint);
			if (encoded == null) {
				String character = new String(Character.toChars(codePoint));
				if (!unicode.contains(character)) {
					unicode.add(character);
				}
			}
			else {
				for (int septet : encoded) {
					septets.add(septet);
				}
			}
		});
		if (unicode.isEmpty()) {
			return new Count(SmsEncoding.GSM_7, septets.size(),
					parts(septets, 160, 153, (units, cut) -> units.get(cut - 1) == ESCAPE), List.of());
		}
		List<Integer> codeUnits = text.chars().boxed().toList();
		return new Count(SmsEncoding.UCS_2, codeUnits.size(),
				parts(codeUnits, 70, 67, (units, cut) -> Character.isHighSurrogate((char) (int) units.get(cut - 1))
						&& Character.isLowSurrogate((char) (int) units.get(cut))),
				unicode);
	}

	static String smartEncode(String text) {
		StringBuilder replaced = new StringBuilder();
		text.codePoints()
			.forEach(
					(codePoint) -> replaced.append(LOOK_ALIKES.getOrDefault(codePoint, Character.toString(codePoint))));
		String result = replaced.toString();
		boolean gsm = !result.isEmpty() && count(result).encoding() == SmsEncoding.GSM_7;
		return gsm ? result : text;
	}

	static Map<Integer, String> lookAlikes() {
		return LOOK_ALIKES;
	}

	private static int parts(List<Integer> units, int single, int perPart,
			BiPredicate<List<Integer>, Integer> cutSplitsAPair) {
		if (units.isEmpty()) {
			return 0;
		}
		if (units.size() <= single) {
			return 1;
		}
		int parts = 0;
		for (int start = 0; start < units.size(); parts++) {
			int cut = Math.min(start + perPart, units.size());
			if (cut < units.size() && cutSplitsAPair.test(units, cut)) {
				cut--;
			}
			start = cut;
		}
		return parts;
	}

	record Count(SmsEncoding encoding, int length, int segments, List<String> unicodeCharacters) {

		static Count of(SmsText text) {
			return new Count(text.encoding(), text.length(), text.segments(), text.unicodeCharacters());
		}

	}

}
