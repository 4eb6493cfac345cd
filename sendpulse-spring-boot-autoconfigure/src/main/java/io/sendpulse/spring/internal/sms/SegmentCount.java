package io.sendpulse.spring.internal.sms;

import java.util.List;

import io.sendpulse.spring.sms.SmsEncoding;

/**
 * What a text costs: see {@link SegmentCounter}.
 *
 * @param encoding GSM-7 when the alphabet carries every character, else UCS-2
 * @param length septets (GSM-7) or UTF-16 code units (UCS-2)
 * @param segments SMS segments the text takes, 0 for an empty text
 * @param unicodeCharacters the distinct characters GSM-7 cannot carry, in order of first
 * appearance, each a code point as a string; empty for GSM-7
 */
public record SegmentCount(SmsEncoding encoding, int length, int segments, List<String> unicodeCharacters) {

	public SegmentCount {
		unicodeCharacters = List.copyOf(unicodeCharacters);
	}

}
