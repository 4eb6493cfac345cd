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
 * @param account the account whose endpoint received the event: {@code default} for the
 * top-level account, else the {@code account} of its {@link SendPulseWebhook}
 */
public record VerificationEvent(String type, @Nullable String requestId, @Nullable String to, VerificationStatus status,
		Instant timestamp, String account) implements SendPulseEvent {

	/**
	 * Create an event of the top-level account, as the constructor did before events said
	 * which account they came from.
	 * @param type the raw event name
	 * @param requestId as the component of that name
	 * @param to as the component of that name
	 * @param status as the component of that name
	 * @param timestamp as the component of that name
	 */
	public VerificationEvent(String type, @Nullable String requestId, @Nullable String to, VerificationStatus status,
			Instant timestamp) {
		this(type, requestId, to, status, timestamp, DEFAULT_ACCOUNT);
	}

	@Override
	public String toString() {
		return "VerificationEvent[type=" + this.type + ", requestId=" + this.requestId + ", to="
				+ PhoneNumbers.mask(this.to) + ", status=" + this.status + ", timestamp=" + this.timestamp
				+ ", account=" + this.account + "]";
	}

}
