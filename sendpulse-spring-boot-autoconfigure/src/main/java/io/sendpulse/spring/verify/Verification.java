package io.sendpulse.spring.verify;

import java.time.Instant;

import io.sendpulse.spring.internal.PhoneNumbers;
import org.jspecify.annotations.Nullable;

/**
 * A phone verification as SendPulse knows it.
 *
 * @param requestId the verification's id, {@code vrf_…}, to check a code against
 * @param to the number being verified
 * @param channel how the code was sent
 * @param status where the verification is
 * @param expiresAt when the code expires
 */
public record Verification(String requestId, String to, Channel channel, VerificationStatus status,
		@Nullable Instant expiresAt) {

	@Override
	public String toString() {
		return "Verification[requestId=" + this.requestId + ", to=" + PhoneNumbers.mask(this.to) + ", channel="
				+ this.channel + ", status=" + this.status + ", expiresAt=" + this.expiresAt + "]";
	}

}
