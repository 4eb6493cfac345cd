package io.sendpulse.spring.sms;

import java.util.List;

import io.sendpulse.spring.internal.client.RequestRules;
import io.sendpulse.spring.internal.sms.SegmentCount;
import io.sendpulse.spring.internal.sms.SegmentCounter;
import io.sendpulse.spring.internal.sms.SmartEncoding;
import org.jspecify.annotations.Nullable;

/**
 * What an SMS text costs before it is sent: its encoding, its length and the segments it
 * takes (each segment is billed as one SMS).
 * <p>
 * <pre class="code">
 * SmsText text = SmsText.of("Your order shipped – track it at example.com/t/42");
 * text.encoding();           // UCS_2, because of the en dash
 * text.segments();           // 1 (49 code units, up to 70 fit one SMS)
 * text.unicodeCharacters();  // ["–"]
 * text.smartEncoded().encoding(); // GSM_7: the dash becomes "-"
 * </pre>
 * <p>
 * The rules are those of GSM 03.38 (3GPP TS 23.038) as handsets and SMSCs apply them:
 * <ul>
 * <li>A text whose every character is in the GSM 7-bit default alphabet is
 * {@link SmsEncoding#GSM_7 GSM-7}; the characters of its extension table, {@code ^ { } \
 * [ ~ ] | €} and form feed, take two septets. U+001B (the escape itself) is not a
 * character GSM-7 can carry.</li>
 * <li>Any other text is {@link SmsEncoding#UCS_2 UCS-2}, counted in UTF-16 code units: a
 * character outside the Basic Multilingual Plane (most emoji) takes two.</li>
 * <li>A text of up to 160 septets or 70 code units takes one segment; a longer one is
 * split into parts of at most 153 septets or 67 code units. A split never separates the
 * two septets of an extension character nor the two halves of a surrogate pair: the
 * character moves whole to the next part, so a text can take one segment more than its
 * length alone suggests.</li>
 * </ul>
 * Instances are immutable; two are equal when their texts are.
 */
public final class SmsText {

	private final String text;

	private final SmsEncoding encoding;

	private final int length;

	private final int segments;

	private final List<String> unicodeCharacters;

	private SmsText(String text) {
		SegmentCount count = SegmentCounter.count(text);
		this.text = text;
		this.encoding = count.encoding();
		this.length = count.length();
		this.segments = count.segments();
		this.unicodeCharacters = count.unicodeCharacters();
	}

	/**
	 * Count a text.
	 * @param text the text
	 * @return its count
	 */
	public static SmsText of(String text) {
		return new SmsText(RequestRules.required("text", text));
	}

	/**
	 * Return the text.
	 * @return the text
	 */
	public String text() {
		return this.text;
	}

	/**
	 * Return how the text is encoded.
	 * @return GSM-7 when the GSM alphabet carries every character, else UCS-2
	 */
	public SmsEncoding encoding() {
		return this.encoding;
	}

	/**
	 * Return the text's length in its encoding.
	 * @return septets for GSM-7 (extension characters count twice), UTF-16 code units for
	 * UCS-2 (characters outside the Basic Multilingual Plane count twice)
	 */
	public int length() {
		return this.length;
	}

	/**
	 * Return the segments the text takes, each billed as one SMS.
	 * @return the segments, 0 for an empty text
	 */
	public int segments() {
		return this.segments;
	}

	/**
	 * Return the characters that made the text UCS-2: those GSM-7 cannot carry.
	 * @return each distinct character once (a whole code point, so an emoji is one string
	 * of two {@code char}s), in order of first appearance; empty for a GSM-7 text
	 */
	public List<String> unicodeCharacters() {
		return this.unicodeCharacters;
	}

	/**
	 * Return the text as {@code sendpulse.sms.smart-encoding=true} sends it: common
	 * Unicode look-alikes replaced by GSM-7 characters, when that makes the whole text
	 * GSM-7 (and not empty); otherwise the text stays as it is, since replacing some
	 * characters of a UCS-2 text saves nothing. The replacements:
	 * <ul>
	 * <li>‘ ’ ‚ ‛ (U+2018 to U+201B) become {@code '}</li>
	 * <li>“ ” „ ‟ (U+201C to U+201F) become {@code "}</li>
	 * <li>hyphen, non-breaking hyphen, figure dash, en dash, em dash, horizontal bar
	 * (U+2010 to U+2015) and minus sign (U+2212) become {@code -}</li>
	 * <li>the ellipsis … (U+2026) becomes {@code ...}</li>
	 * <li>no-break space (U+00A0), en quad to hair space (U+2000 to U+200A), narrow
	 * no-break space (U+202F), medium mathematical space (U+205F) and ideographic space
	 * (U+3000) become a space</li>
	 * <li>zero-width space, non-joiner and joiner (U+200B to U+200D), word joiner
	 * (U+2060), zero-width no-break space or byte order mark (U+FEFF) and soft hyphen
	 * (U+00AD) are removed</li>
	 * </ul>
	 * Nothing else changes: not letters (an accent belongs to the spelling), not bullets,
	 * guillemets, primes, tabs or other symbols that no GSM-7 character reads the same
	 * as.
	 * @return the replaced text's count, or this one when replacing would not make the
	 * text GSM-7
	 */
	public SmsText smartEncoded() {
		String replaced = SmartEncoding.apply(this.text);
		return replaced.equals(this.text) ? this : new SmsText(replaced);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof SmsText that && this.text.equals(that.text));
	}

	@Override
	public int hashCode() {
		return this.text.hashCode();
	}

	// the text itself stays out: it may carry a code or personal data
	@Override
	public String toString() {
		return "SmsText[encoding=" + this.encoding + ", length=" + this.length + ", segments=" + this.segments + "]";
	}

}
