package io.sendpulse.spring.internal.sms;

import org.jspecify.annotations.Nullable;

/**
 * Replaces common Unicode look-alikes with GSM-7 characters, so that one curly quote does
 * not turn a text into UCS-2: the table documented on
 * {@link io.sendpulse.spring.sms.SmsText#smartEncoded()}. It is short on purpose: only
 * characters that keyboards, word processors and phones put in by themselves, each
 * replaced by what a reader reads the same way.
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
