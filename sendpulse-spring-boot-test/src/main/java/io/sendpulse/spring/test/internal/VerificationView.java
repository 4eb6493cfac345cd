package io.sendpulse.spring.test.internal;

import java.time.Instant;

/**
 * A verification as the sandbox holds it, with its channel and status as the wire spells
 * them.
 *
 * @param requestId the verification's id
 * @param to the number being verified
 * @param channel the wire channel, such as {@code sms}
 * @param code the code "sent"
 * @param status the wire status, such as {@code approved}
 * @param expiresAt when the code expires, on the sandbox clock
 * @param wrongAttempts how many wrong codes were checked
 */
public record VerificationView(String requestId, String to, String channel, String code, String status,
		Instant expiresAt, int wrongAttempts) {

	@Override
	public String toString() {
		return "VerificationView[requestId=" + this.requestId + ", to=" + PhoneMask.mask(this.to) + ", status="
				+ this.status + "]";
	}

}
