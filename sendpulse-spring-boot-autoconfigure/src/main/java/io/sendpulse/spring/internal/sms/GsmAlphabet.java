package io.sendpulse.spring.internal.sms;

/**
 * The GSM 03.38 (3GPP TS 23.038) 7-bit default alphabet and its extension table, as
 * Unicode characters: how many septets each character takes.
 */
final class GsmAlphabet {

	/**
	 * The basic table, indexed by septet value, eight rows of sixteen. 0x1B is the escape
	 * to the extension table, not a character a text can carry: its place holds a
	 * placeholder that is skipped, so a U+001B in a text is not GSM-7.
	 */
	private static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅå" // 0x00
			+ "Δ_ΦΓΛΩΠΨΣΘΞ\u0000ÆæßÉ" // 0x10
			+ " !\"#¤%&'()*+,-./" // 0x20
			+ "0123456789:;<=>?" // 0x30
			+ "¡ABCDEFGHIJKLMNO" // 0x40
			+ "PQRSTUVWXYZÄÖÑÜ§" // 0x50
			+ "¿abcdefghijklmno" // 0x60
			+ "pqrstuvwxyzäöñüà"; // 0x70

	/**
	 * The extension table's characters, each sent as the escape 0x1B and its code: form
	 * feed 0x0A, ^ 0x14, { 0x28, } 0x29, \ 0x2F, [ 0x3C, ~ 0x3D, ] 0x3E, | 0x40, € 0x65.
	 */
	private static final String EXTENSION = "\f^{}\\[~]|€";

	/** Septets per character, for every character up to the highest in the tables. */
	private static final byte[] SEPTETS;

	static {
		char highest = 0;
		for (char c : (BASIC + EXTENSION).toCharArray()) {
			highest = (char) Math.max(highest, c);
		}
		SEPTETS = new byte[highest + 1];
		for (int code = 0; code < BASIC.length(); code++) {
			if (code != 0x1B) {
				SEPTETS[BASIC.charAt(code)] = 1;
			}
		}
		for (char c : EXTENSION.toCharArray()) {
			SEPTETS[c] = 2;
		}
	}

	private GsmAlphabet() {
	}

	/**
	 * Return how many septets a character takes in GSM-7.
	 * @param c a UTF-16 code unit (a surrogate is never GSM-7)
	 * @return 1 for the basic table, 2 for the extension table, 0 when GSM-7 cannot carry
	 * it
	 */
	static int septets(char c) {
		return (c < SEPTETS.length) ? SEPTETS[c] : 0;
	}

	/**
	 * Return whether GSM-7 carries every character of a text.
	 * @param text the text
	 * @return whether the text is GSM-7
	 */
	static boolean carries(CharSequence text) {
		for (int i = 0; i < text.length(); i++) {
			if (septets(text.charAt(i)) == 0) {
				return false;
			}
		}
		return true;
	}

}
