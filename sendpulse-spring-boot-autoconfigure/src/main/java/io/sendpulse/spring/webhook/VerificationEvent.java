package io.sendpulse.spring.webhook;

import java.time.Instant;

import io.sendpulse.spring.internal.PhoneNumbers;
import io.sendpulse.spring.verify.VerificationStatus;
import org.jspecify.annotations.Nullable;

/**
 * A phone verification ended: {@code verify.approved}, {@code verify.expired} or
 * {@code verify.failed}.
 *
 * @param type the raw event name, for example {@code verify.approved}
 * @param requestId the verification's id, {@code vrf_…}; {@code null} if SendPulse left
 * it out
 * @param to the number being verified; {@code null} if SendPulse left it out
 * @param status the verification's new status; {@link VerificationStatus#UNKNOWN} if
 * SendPulse left it out or sent a status this version does not know
 * @param timestamp when the status changed
 */
public record VerificationEvent(String type, @Nullable String requestId, @Nullable String to, VerificationStatus status,
		Instant timestamp) implements SendPulseEvent {

	@Override
	public String toString() {
		return "VerificationEvent[type=" + this.type + ", requestId=" + this.requestId + ", to="
				+ PhoneNumbers.mask(this.to) + ", status=" + this.status + ", timestamp=" + this.timestamp + "]";
	}

}
