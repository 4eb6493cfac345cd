package io.sendpulse.spring.internal.sms;

import java.util.List;
import java.util.stream.Collectors;

import io.sendpulse.spring.sms.SmsEncoding;
import io.sendpulse.spring.sms.SmsRequest;
import org.jspecify.annotations.Nullable;

/**
 * What the template does to a text before sending it: smart encoding
 * ({@code sendpulse.sms.smart-encoding}) and the segment limit
 * ({@code sendpulse.sms.max-segments}).
 *
 * @param smartEncoding whether to replace Unicode look-alikes when that makes the text
 * GSM-7 (see {@link SmartEncoding})
 * @param maxSegments the most segments a text may take, or {@code null} for no limit
 * (checked to be at least 1 where it is configured, in the properties)
 */
public record SmsTextRules(boolean smartEncoding, @Nullable Integer maxSegments) {

	/**
	 * How many characters to blame a message names at most: a whole alphabet helps no
	 * one.
	 */
	private static final int NAMED = 10;

	/** Texts sent as they are, whatever their length. */
	public static final SmsTextRules NONE = new SmsTextRules(false, null);

	/**
	 * Prepare a text for sending.
	 * @param text the text as given
	 * @return the text to send and its count
	 * @throws IllegalArgumentException when the text needs more segments than allowed
	 */
	Prepared prepare(String text) {
		String sent = text;
		if (this.smartEncoding) {
			String replaced = SmartEncoding.apply(text);
			// an ellipsis grows by two: never turn a valid text into one the API refuses
			if (replaced.length() <= SmsRequest.MAX_TEXT_LENGTH) {
				sent = replaced;
			}
		}
		SegmentCount count = SegmentCounter.count(sent);
		if (this.maxSegments != null && count.segments() > this.maxSegments) {
			throw new IllegalArgumentException(tooLong(text, sent, count, this.maxSegments));
		}
		return new Prepared(sent, count);
	}

	private String tooLong(String text, String sent, SegmentCount count, int max) {
		StringBuilder message = new StringBuilder("text needs ").append(count.segments())
			.append(" SMS segments but sendpulse.sms.max-segments is ")
			.append(max)
			.append(": ");
		if (count.encoding() == SmsEncoding.GSM_7) {
			message.append(count.length()).append(" GSM-7 septets, 153 a segment");
			String extension = sent.chars()
				.filter((c) -> GsmAlphabet.septets((char) c) == 2)
				.distinct()
				.mapToObj((c) -> describe(String.valueOf((char) c)))
				.collect(Collectors.joining(", "));
			if (!extension.isEmpty()) {
				message.append(", with ").append(extension).append(" taking two septets each");
			}
			return message.toString();
		}
		List<String> unicode = count.unicodeCharacters();
		message.append(count.length())
			.append(" UCS-2 code units, 67 a segment, because of ")
			.append(unicode.stream().limit(NAMED).map(SmsTextRules::describe).collect(Collectors.joining(", ")));
		if (unicode.size() > NAMED) {
			message.append(" and ").append(unicode.size() - NAMED).append(" more");
		}
		if (!this.smartEncoding && !SmartEncoding.apply(text).equals(text)) {
			message.append(" (sendpulse.sms.smart-encoding=true would replace them)");
		}
		return message.toString();
	}

	private static String describe(String character) {
		int codePoint = character.codePointAt(0);
		String code = String.format("U+%04X", codePoint);
		// invisible characters by their code alone
		return switch (Character.getType(codePoint)) {
			case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.SPACE_SEPARATOR,
					Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.PRIVATE_USE,
					Character.UNASSIGNED ->
				code;
			default -> "'" + character + "' (" + code + ")";
		};
	}

	/**
	 * A text ready to send.
	 *
	 * @param text what to send
	 * @param count its count
	 */
	record Prepared(String text, SegmentCount count) {

	}

}
