package io.sendpulse.spring.sms;

/**
 * How an SMS text is encoded on the air, which decides how many characters fit in a
 * segment (and each segment is billed).
 * <p>
 * A text that needs more than one segment is sent as a concatenated SMS: each part gives
 * up room to a header that tells the handset how to join them, so it holds less than a
 * single SMS.
 *
 * @see SmsText
 */
public enum SmsEncoding {

	/**
	 * The GSM 03.38 7-bit default alphabet: 160 septets in a single SMS, 153 in each part
	 * of a longer one. Characters of the extension table ({@code ^ { } \ [ ~ ] | €} and
	 * form feed) take two septets.
	 */
	GSM_7(160, 153),

	/**
	 * UCS-2 (in practice UTF-16): 70 code units in a single SMS, 67 in each part of a
	 * longer one. A character outside the Basic Multilingual Plane, such as most emoji,
	 * takes two code units.
	 */
	UCS_2(70, 67);

	private final int singleSegmentLength;

	private final int concatenatedSegmentLength;

	SmsEncoding(int singleSegmentLength, int concatenatedSegmentLength) {
		this.singleSegmentLength = singleSegmentLength;
		this.concatenatedSegmentLength = concatenatedSegmentLength;
	}

	/**
	 * Return how long a text may be to fit in a single SMS, in septets (GSM-7) or code
	 * units (UCS-2).
	 * @return 160 or 70
	 */
	public int singleSegmentLength() {
		return this.singleSegmentLength;
	}

	/**
	 * Return how much each part of a concatenated SMS holds, in septets (GSM-7) or code
	 * units (UCS-2).
	 * @return 153 or 67
	 */
	public int concatenatedSegmentLength() {
		return this.concatenatedSegmentLength;
	}

}
