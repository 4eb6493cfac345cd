package io.sendpulse.spring.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PhoneNumbers}.
 */
class PhoneNumbersTests {

	@Test
	void maskKeepsTheCountryCodesFirstDigitAndTheLastFour() {
		assertThat(PhoneNumbers.mask("+14155550123")).isEqualTo("+1******0123");
		assertThat(PhoneNumbers.mask("+442071234567")).isEqualTo("+4*******4567");
		assertThat(PhoneNumbers.mask("14155550123")).isEqualTo("1******0123");
	}

	@Test
	void maskKeepsTheLengthSoThatNumbersStayTellableApart() {
		assertThat(PhoneNumbers.mask("+14155550123")).hasSize(12);
		assertThat(PhoneNumbers.mask("+4915112345678")).hasSize(14).doesNotContain("15112345678");
	}

	@Test
	void maskHidesShortValuesEntirely() {
		assertThat(PhoneNumbers.mask("+12345")).isEqualTo("******");
		assertThat(PhoneNumbers.mask("1234")).isEqualTo("****");
		assertThat(PhoneNumbers.mask("")).isEmpty();
		assertThat(PhoneNumbers.mask("+123456")).isEqualTo("+1*3456");
	}

	@Test
	void maskOfNullIsTheWordNull() {
		assertThat(PhoneNumbers.mask(null)).isEqualTo("null");
	}

	@Test
	void maskAllMasksEveryNumberInATextAndLeavesTheRest() {
		assertThat(PhoneNumbers.maskAll("Number +14155550123 is blocked, try 442071234567 or +4915112345678."))
			.isEqualTo("Number +1******0123 is blocked, try 4*******4567 or +4********5678.");
	}

	@Test
	void maskAllShowsNoMoreThanFourDigitsOfANumberTooLongForE164() {
		// Such as a wrong sendpulse.sms.from quoted in the error that refuses it.
		assertThat(PhoneNumbers.maskAll("but was '+141555501234567890'")).isEqualTo("but was '+1*************7890'");
		assertThat(PhoneNumbers.maskAll("but was '141555501234567890123'"))
			.isEqualTo("but was '1****************0123'");
	}

	@Test
	void maskAllLeavesShortNumbersSuchAsCodesAndAmountsAlone() {
		assertThat(PhoneNumbers.maskAll("Order 12345 cost 0.0075 in 2026, code_length 6"))
			.isEqualTo("Order 12345 cost 0.0075 in 2026, code_length 6");
	}

	@Test
	void maskAllOfNullIsNull() {
		assertThat(PhoneNumbers.maskAll(null)).isNull();
		assertThat(PhoneNumbers.maskAll("")).isEmpty();
	}

	@Test
	void maskAllHandlesReplacementCharacters() {
		assertThat(PhoneNumbers.maskAll("$1 to +14155550123 \\ done")).isEqualTo("$1 to +1******0123 \\ done");
	}

}
