package io.sendpulse.spring.test;

import java.time.Instant;

import io.sendpulse.spring.test.internal.PhoneMask;
import io.sendpulse.spring.verify.Channel;
import io.sendpulse.spring.verify.VerificationStatus;

/**
 * A verification the sandbox started, as it stands when
 * {@link SendPulseSandbox#verifications()} was called.
 *
 * @param requestId the verification's id, {@code vrf_…}
 * @param to the number being verified
 * @param channel how the code was "sent"
 * @param code the code the user would have received
 * @param status where the verification is
 * @param expiresAt when the code expires, on the sandbox clock
 * @param wrongAttempts how many wrong codes were checked against it
 */
public record SentVerification(String requestId, String to, Channel channel, String code, VerificationStatus status,
		Instant expiresAt, int wrongAttempts) {

	@Override
	public String toString() {
		return "SentVerification[requestId=" + this.requestId + ", to=" + PhoneMask.mask(this.to) + ", channel="
				+ this.channel + ", code=(hidden), status=" + this.status + ", expiresAt=" + this.expiresAt
				+ ", wrongAttempts=" + this.wrongAttempts + "]";
	}

}
