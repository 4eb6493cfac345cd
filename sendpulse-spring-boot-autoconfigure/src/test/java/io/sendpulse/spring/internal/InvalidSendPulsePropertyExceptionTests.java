package io.sendpulse.spring.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link InvalidSendPulsePropertyException}.
 */
class InvalidSendPulsePropertyExceptionTests {

	@Test
	void refusesAPlaceholderLeftUnresolvedNamingItAndTheProperty() {
		assertThatExceptionOfType(InvalidSendPulsePropertyException.class)
			.isThrownBy(() -> InvalidSendPulsePropertyException.resolved("sendpulse.webhook.secret",
					"${SENDPULSE_WEBHOOK_SECRET}"))
			.withMessage("sendpulse.webhook.secret holds a placeholder that could not be resolved, "
					+ "${SENDPULSE_WEBHOOK_SECRET}: define what it names (an environment variable, for example)")
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("sendpulse.webhook.secret"));
	}

	@Test
	void quotesNothingOfAValueWhoseBracesNameNoVariable() {
		// May be a secret that happens to hold "${": none of it is shown.
		assertThatExceptionOfType(InvalidSendPulsePropertyException.class).isThrownBy(
				() -> InvalidSendPulsePropertyException.resolved("sendpulse.webhook.secret", "s3cr${not a name!}et"))
			.withMessage("sendpulse.webhook.secret holds a placeholder that could not be resolved: define what it "
					+ "names (an environment variable, for example)");
	}

	@Test
	void quotesOnlyTheInnerPlaceholderOfOneWithADefault() {
		assertThat(InvalidSendPulsePropertyException.placeholderIn("${A:${SENDPULSE_B}}")).isEqualTo("${SENDPULSE_B}");
	}

	@Test
	void acceptsAValueWithoutPlaceholder() {
		assertThat(InvalidSendPulsePropertyException.resolved("p", "whsec_abc")).isEqualTo("whsec_abc");
		assertThat(InvalidSendPulsePropertyException.resolved("p", "a${b")).isEqualTo("a${b");
		assertThat(InvalidSendPulsePropertyException.resolved("p", "a}b${")).isEqualTo("a}b${");
	}

	@Test
	void reportsABrokenRuleAsABrokenProperty() {
		assertThatExceptionOfType(InvalidSendPulsePropertyException.class)
			.isThrownBy(() -> InvalidSendPulsePropertyException.check("sendpulse.sms.from", () -> {
				throw new IllegalArgumentException("sendpulse.sms.from must be short");
			}))
			.withMessage("sendpulse.sms.from must be short")
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("sendpulse.sms.from"));
	}

}
