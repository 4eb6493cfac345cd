package io.sendpulse.sample;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@link PhoneNumberMask} leaves visible.
 */
class PhoneNumberMaskTests {

	@Test
	void keepsTheCountryCodesFirstDigitAndTheLastFourDigits() {
		assertThat(PhoneNumberMask.mask("+14155550123")).isEqualTo("+1******0123");
		assertThat(PhoneNumberMask.mask("+447700900123")).isEqualTo("+4*******0123");
	}

	@Test
	void keepsTheFirstAndTheLastFourDigitsOfANumberWithoutPlus() {
		assertThat(PhoneNumberMask.mask("4155550199")).isEqualTo("4*****0199");
	}

	@Test
	void hidesAShortNumberWhole() {
		assertThat(PhoneNumberMask.mask("+1234567")).isEqualTo("********");
		assertThat(PhoneNumberMask.mask("12345")).isEqualTo("*****");
	}

	@Test
	void leavesNoNumberAsNone() {
		assertThat(PhoneNumberMask.mask(null)).isNull();
	}

}
