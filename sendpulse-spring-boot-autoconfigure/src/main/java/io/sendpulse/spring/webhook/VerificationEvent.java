package io.sendpulse.spring.webhook;

import java.time.Instant;

import io.sendpulse.spring.internal.PhoneNumbers;
import io.sendpulse.spring.verify.VerificationStatus;

/**
 * A phone verification ended: {@code verify.approved}, {@code verify.expired} or
 * {@code verify.failed}.
 *
 * @param type the raw event name, for example {@code verify.approved}
 * @param requestId the verification's id, {@code vrf_…}
 * @param to the number being verified
 * @param status the verification's new status
 * @param timestamp when the status changed
 */
public record VerificationEvent(String type, String requestId, String to, VerificationStatus status,
		Instant timestamp) implements SendPulseEvent {

	@Override
	public String toString() {
		return "VerificationEvent[type=" + this.type + ", requestId=" + this.requestId + ", to="
				+ PhoneNumbers.mask(this.to) + ", status=" + this.status + ", timestamp=" + this.timestamp + "]";
	}

}
