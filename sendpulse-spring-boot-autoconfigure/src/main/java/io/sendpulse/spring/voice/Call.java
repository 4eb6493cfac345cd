package io.sendpulse.spring.voice;

import io.sendpulse.spring.internal.PhoneNumbers;

/**
 * A voice call as SendPulse knows it.
 *
 * @param id the call's id, {@code call_…}
 * @param to the callee
 * @param status where the call is
 */
public record Call(String id, String to, CallStatus status) {

	@Override
	public String toString() {
		return "Call[id=" + this.id + ", to=" + PhoneNumbers.mask(this.to) + ", status=" + this.status + "]";
	}

}
