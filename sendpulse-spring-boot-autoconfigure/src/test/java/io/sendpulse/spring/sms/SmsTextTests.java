package io.sendpulse.spring.sms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Tests for {@link SmsText}: every GSM 03.38 rule pinned in a table of cases, each also
 * checked against {@link Gsm0338Reference}, a counter written apart in the tests, and the
 * two compared over thousands of generated texts.
 */
class SmsTextTests {

	private static final SmsEncoding GSM = SmsEncoding.GSM_7;

	private static final SmsEncoding UCS = SmsEncoding.UCS_2;

	private static final String EMOJI = "\uD83D\uDE00";

	static Stream<Arguments> cases() {
		return Stream.of(
				// the basic table
				arguments("empty", "", GSM, 0, 0, List.of()), arguments("plain", "Hello", GSM, 5, 1, List.of()),
				arguments("whole basic table", basicTable(), GSM, 127, 1, List.of()),
				arguments("line feed and carriage return", "a\r\nb", GSM, 4, 1, List.of()),
				arguments("accents of the basic table", "Grüße à Ça, Æsop ñ Ö", GSM, 20, 1, List.of()),
				arguments("Greek capitals of the basic table", "ΔΦΓΛΩΠΨΣΘΞ", GSM, 10, 1, List.of()),
				// each extension character counts twice
				arguments("form feed", "\f", GSM, 2, 1, List.of()), arguments("caret", "^", GSM, 2, 1, List.of()),
				arguments("left brace", "{", GSM, 2, 1, List.of()), arguments("right brace", "}", GSM, 2, 1, List.of()),
				arguments("backslash", "\\", GSM, 2, 1, List.of()),
				arguments("left bracket", "[", GSM, 2, 1, List.of()), arguments("tilde", "~", GSM, 2, 1, List.of()),
				arguments("right bracket", "]", GSM, 2, 1, List.of()),
				arguments("vertical bar", "|", GSM, 2, 1, List.of()), arguments("euro sign", "€", GSM, 2, 1, List.of()),
				arguments("all extension characters", "\f^{}\\[~]|€", GSM, 20, 1, List.of()),
				// GSM-7 boundaries: 160 in one, 153 a part
				arguments("160 septets", "a".repeat(160), GSM, 160, 1, List.of()),
				arguments("161 septets", "a".repeat(161), GSM, 161, 2, List.of()),
				arguments("153x2 septets", "a".repeat(306), GSM, 306, 2, List.of()),
				arguments("153x2+1 septets", "a".repeat(307), GSM, 307, 3, List.of()),
				arguments("153x3 septets", "a".repeat(459), GSM, 459, 3, List.of()),
				arguments("153x3+1 septets", "a".repeat(460), GSM, 460, 4, List.of()),
				arguments("160 septets of euro signs", "€".repeat(80), GSM, 160, 1, List.of()),
				arguments("161 septets ending in a euro sign", "a".repeat(159) + "€", GSM, 161, 2, List.of()),
				arguments("escape pair ending the first part", "a".repeat(151) + "€" + "a".repeat(153), GSM, 306, 2,
						List.of()),
				arguments("escape pair across the first cut moves whole", "a".repeat(152) + "€" + "a".repeat(152), GSM,
						306, 3, List.of()),
				arguments("escape pair across the second cut moves whole", "a".repeat(305) + "{" + "a".repeat(152), GSM,
						459, 4, List.of()),
				// the escape itself is no character GSM-7 carries
				arguments("escape character", "Hi\u001B", UCS, 3, 1, List.of("\u001B")),
				// what forces UCS-2
				arguments("backtick", "`", UCS, 1, 1, List.of("`")),
				arguments("lower-case c cedilla", "ça va", UCS, 5, 1, List.of("ç")),
				arguments("curly apostrophe", "It’s", UCS, 4, 1, List.of("’")),
				arguments("tab", "a\tb", UCS, 3, 1, List.of("\t")),
				arguments("Cyrillic", "Привет", UCS, 6, 1, List.of("П", "р", "и", "в", "е", "т")),
				// UCS-2 boundaries: 70 in one, 67 a part
				arguments("70 code units", "ж".repeat(70), UCS, 70, 1, List.of("ж")),
				arguments("71 code units", "ж".repeat(71), UCS, 71, 2, List.of("ж")),
				arguments("67x2 code units", "ж".repeat(134), UCS, 134, 2, List.of("ж")),
				arguments("67x2+1 code units", "ж".repeat(135), UCS, 135, 3, List.of("ж")),
				// outside the Basic Multilingual Plane: two code units
				arguments("emoji", EMOJI, UCS, 2, 1, List.of(EMOJI)),
				arguments("35 emoji fill one", EMOJI.repeat(35), UCS, 70, 1, List.of(EMOJI)),
				arguments("35 emoji and a letter", EMOJI.repeat(35) + "a", UCS, 71, 2, List.of(EMOJI)),
				arguments("surrogate pair ending the first part", "ж".repeat(65) + EMOJI + "ж".repeat(67), UCS, 134, 2,
						List.of("ж", EMOJI)),
				arguments("surrogate pair across the first cut moves whole", "ж".repeat(66) + EMOJI + "ж".repeat(66),
						UCS, 134, 3, List.of("ж", EMOJI)),
				arguments("unpaired high surrogate", "a\uD83Db", UCS, 3, 1, List.of("\uD83D")),
				arguments("unpaired low surrogate", "\uDE00a", UCS, 2, 1, List.of("\uDE00")),
				// mixed: the GSM characters of a UCS-2 text are not to blame
				// in UCS-2 an extension character is one code unit like any other
				arguments("mixed", "Total: 10€ {paid} ’ " + EMOJI + " ’", UCS, 24, 1, List.of("’", EMOJI)),
				arguments("mixed at 70", "€".repeat(68) + "’", UCS, 69, 1, List.of("’")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void countsTextsToGsm0338(String description, String text, SmsEncoding encoding, int length, int segments,
			List<String> unicodeCharacters) {
		SmsText count = SmsText.of(text);
		assertThat(count.encoding()).isEqualTo(encoding);
		assertThat(count.length()).isEqualTo(length);
		assertThat(count.segments()).isEqualTo(segments);
		assertThat(count.unicodeCharacters()).isEqualTo(unicodeCharacters);
		assertThat(Gsm0338Reference.count(text))
			.isEqualTo(new Gsm0338Reference.Count(encoding, length, segments, unicodeCharacters));
	}

	@Test
	void everyBmpCharacterIsCountedAsTheReferenceCountsIt() {
		List<String> disagreements = new ArrayList<>();
		for (char c = 0; c < Character.MIN_SURROGATE; c++) {
			compare(String.valueOf(c), disagreements);
		}
		for (char c = Character.MAX_SURROGATE + 1; c != 0; c++) {
			compare(String.valueOf(c), disagreements);
		}
		assertThat(disagreements).isEmpty();
	}

	@Test
	void agreesWithTheReferenceCounterOnGeneratedTexts() {
		Random random = new Random(17);
		String[] gsm = { "a", "Z", "0", " ", "@", "£", "$", "Δ", "\n", "é", "ß", "¿", "§" };
		String[] extension = { "\f", "^", "{", "}", "\\", "[", "~", "]", "|", "€" };
		String[] unicode = { "ж", "’", "–", "`", "ç", "\u001B", "\t", "\u00A0" };
		String[] astral = { EMOJI, "\uD834\uDD1E", "\uD83D", "\uDE00" };
		List<String> disagreements = new ArrayList<>();
		for (int i = 0; i < 4000; i++) {
			// half of the texts GSM-7 only, lengths around every boundary
			boolean gsmOnly = random.nextBoolean();
			int length = random.nextInt(gsmOnly ? 480 : 220);
			StringBuilder text = new StringBuilder();
			for (int n = 0; n < length; n++) {
				int pick = random.nextInt(100);
				String[] pool = (pick < 70) ? gsm : (pick < 85 || gsmOnly) ? extension : (pick < 95) ? unicode : astral;
				text.append(pool[random.nextInt(pool.length)]);
			}
			compare(text.toString(), disagreements);
		}
		assertThat(disagreements).isEmpty();
	}

	@Test
	void smartEncodingReplacesEachLookAlikeOfTheTable() {
		assertThat(Gsm0338Reference.lookAlikes()).hasSize(37);
		Gsm0338Reference.lookAlikes().forEach((codePoint, replacement) -> {
			String text = "a" + Character.toString(codePoint) + "b";
			SmsText encoded = SmsText.of(text).smartEncoded();
			assertThat(encoded.text()).as("U+%04X", codePoint).isEqualTo("a" + replacement + "b");
			assertThat(encoded.encoding()).isEqualTo(SmsEncoding.GSM_7);
		});
	}

	@Test
	void smartEncodingTurnsATypicalTextIntoGsm7() {
		SmsText text = SmsText.of("It’s “ready” – see you\u00A0soon…\u200B");
		assertThat(text.encoding()).isEqualTo(SmsEncoding.UCS_2);
		assertThat(text.unicodeCharacters()).containsExactly("’", "“", "”", "–", "\u00A0", "…", "\u200B");
		SmsText encoded = text.smartEncoded();
		assertThat(encoded.text()).isEqualTo("It's \"ready\" - see you soon...");
		assertThat(encoded.encoding()).isEqualTo(SmsEncoding.GSM_7);
		assertThat(encoded.unicodeCharacters()).isEmpty();
	}

	@Test
	void smartEncodingLeavesATextThatWouldStayUnicodeAsItIs() {
		SmsText text = SmsText.of("It’s ready " + EMOJI);
		assertThat(text.smartEncoded()).isSameAs(text);
		assertThat(SmsText.of("ça va – oui").smartEncoded().text()).isEqualTo("ça va – oui");
	}

	@Test
	void smartEncodingNeverChangesGsmTextsLettersOrEmptiesAText() {
		SmsText gsm = SmsText.of("Plain {text} €");
		assertThat(gsm.smartEncoded()).isSameAs(gsm);
		assertThat(SmsText.of("café").smartEncoded().text()).isEqualTo("café");
		assertThat(SmsText.of("\u200B\uFEFF").smartEncoded().text()).isEqualTo("\u200B\uFEFF");
		assertThat(SmsText.of("•").smartEncoded().text()).isEqualTo("•");
		assertThat(SmsText.of("«oui»").smartEncoded().text()).isEqualTo("«oui»");
	}

	@Test
	void smartEncodingAgreesWithTheReferenceOnGeneratedTexts() {
		Random random = new Random(42);
		String[] pool = { "a", "b", " ", "'", "€", "’", "“", "”", "–", "—", "…", "\u00A0", "\u2009", "\u200B", "\uFEFF",
				"\u00AD", "\u2212", "ж", EMOJI, "•" };
		for (int i = 0; i < 3000; i++) {
			StringBuilder text = new StringBuilder();
			int length = random.nextInt(40);
			for (int n = 0; n < length; n++) {
				// mostly GSM-7 and look-alikes, sometimes a character nothing replaces
				String[] choice = (random.nextInt(10) == 0) ? pool : Arrays.copyOf(pool, 17);
				text.append(choice[random.nextInt(choice.length)]);
			}
			String generated = text.toString();
			assertThat(SmsText.of(generated).smartEncoded().text()).as("generated text %d", i)
				.isEqualTo(Gsm0338Reference.smartEncode(generated));
		}
	}

	@Test
	void isAValueWhoseToStringLeavesTheTextOut() {
		assertThat(SmsText.of("Code 482901")).isEqualTo(SmsText.of("Code 482901"))
			.hasSameHashCodeAs(SmsText.of("Code 482901"))
			.isNotEqualTo(SmsText.of("Code 482902"));
		assertThat(SmsText.of("Code 482901")).hasToString("SmsText[encoding=GSM_7, length=11, segments=1]");
		assertThat(SmsText.of("Code 482901").text()).isEqualTo("Code 482901");
	}

	@Test
	void refusesNull() {
		assertThatIllegalArgumentException().isThrownBy(() -> SmsText.of(null)).withMessage("text is required");
	}

	@Test
	void encodingsKnowTheirSegmentSizes() {
		assertThat(SmsEncoding.GSM_7.singleSegmentLength()).isEqualTo(160);
		assertThat(SmsEncoding.GSM_7.concatenatedSegmentLength()).isEqualTo(153);
		assertThat(SmsEncoding.UCS_2.singleSegmentLength()).isEqualTo(70);
		assertThat(SmsEncoding.UCS_2.concatenatedSegmentLength()).isEqualTo(67);
	}

	// Collected rather than asserted one by one: tens of thousands of texts stay fast.
	private static void compare(String text, List<String> disagreements) {
		Gsm0338Reference.Count expected = Gsm0338Reference.count(text);
		Gsm0338Reference.Count actual = Gsm0338Reference.Count.of(SmsText.of(text));
		if (!actual.equals(expected)) {
			disagreements.add(text.codePoints().mapToObj((c) -> String.format("U+%04X", c)).toList() + ": expected "
					+ expected + " but was " + actual);
		}
	}

	private static String basicTable() {
		StringBuilder table = new StringBuilder("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?");
		table.append("¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà");
		return table.toString();
	}

}
