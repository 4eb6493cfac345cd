package io.sendpulse.spring.sms;

import io.sendpulse.spring.internal.PhoneNumbers;

/**
 * A recipient of a bulk send whose SMS was not sent.
 *
 * @param to the recipient, as it was given
 * @param exception why: a {@link io.sendpulse.spring.SendPulseException}, or an
 * {@link IllegalArgumentException} for a number that breaks the API's rules
 */
public record SmsFailure(String to, RuntimeException exception) {

	@Override
	public String toString() {
		return "SmsFailure[to=" + PhoneNumbers.mask(this.to) + ", exception=" + this.exception + "]";
	}

}
