package io.sendpulse.spring.internal.sms;

import org.jspecify.annotations.Nullable;

/**
 * Replaces common Unicode look-alikes with GSM-7 characters, so that one curly quote does
 * not turn a text into UCS-2. The table is short on purpose: only characters that
 * keyboards, word processors and phones put in by themselves, each replaced by what a
 * reader reads the same way.
 * <table>
 * <caption>Replacements</caption>
 * <tr>
 * <th>characters</th>
 * <th>become</th>
 * </tr>
 * <tr>
 * <td>‘ ’ ‚ ‛ (U+2018, U+2019, U+201A, U+201B)</td>
 * <td>{@code '}</td>
 * </tr>
 * <tr>
 * <td>“ ” „ ‟ (U+201C, U+201D, U+201E, U+201F)</td>
 * <td>{@code "}</td>
 * </tr>
 * <tr>
 * <td>hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar, minus
 * sign (U+2010 to U+2015, U+2212)</td>
 * <td>{@code -}</td>
 * </tr>
 * <tr>
 * <td>… (U+2026)</td>
 * <td>{@code ...}</td>
 * </tr>
 * <tr>
 * <td>no-break space, en quad to hair space, narrow no-break space, medium mathematical
 * space, ideographic space (U+00A0, U+2000 to U+200A, U+202F, U+205F, U+3000)</td>
 * <td>a space</td>
 * </tr>
 * <tr>
 * <td>zero-width space, non-joiner and joiner, word joiner, zero-width no-break space
 * (byte order mark), soft hyphen (U+200B, U+200C, U+200D, U+2060, U+FEFF, U+00AD)</td>
 * <td>removed</td>
 * </tr>
 * </table>
 * Letters are never changed (an accent is part of a word's spelling), nor are bullets,
 * guillemets, primes, tabs or other symbols: no GSM-7 character reads the same.
 * <p>
 * The replacement is all or nothing: it is made only when the result is GSM-7 and not
 * empty. Otherwise the text stays as it is, since replacing some characters of a UCS-2
 * text saves nothing (an ellipsis would even grow).
 */
public final class SmartEncoding {

	private SmartEncoding() {
	}

	/**
	 * Replace the look-alikes of a text when that makes it GSM-7.
	 * @param text the text
	 * @return the text with its look-alikes replaced, when that made it GSM-7; else the
	 * text itself
	 */
	public static String apply(String text) {
		StringBuilder replaced = null;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			String replacement = replacement(c);
			if (replacement != null && replaced == null) {
				replaced = new StringBuilder(text.length() + 8).append(text, 0, i);
			}
			if (replaced != null) {
				if (replacement != null) {
					replaced.append(replacement);
				}
				else {
					replaced.append(c);
				}
			}
		}
		if (replaced == null || replaced.isEmpty() || !GsmAlphabet.carries(replaced)) {
			return text;
		}
		return replaced.toString();
	}

	private static @Nullable String replacement(char c) {
		return switch (c) {
			case '\u2018', '\u2019', '\u201A', '\u201B' -> "'";
			case '\u201C', '\u201D', '\u201E', '\u201F' -> "\"";
			case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212' -> "-";
			case '\u2026' -> "...";
			case '\u00A0', '\u2000', '\u2001', '\u2002', '\u2003', '\u2004', '\u2005', '\u2006', '\u2007', '\u2008',
					'\u2009', '\u200A', '\u202F', '\u205F', '\u3000' ->
				" ";
			case '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD' -> "";
			default -> null;
		};
	}

}
