package io.sendpulse.spring.webhook;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The callee entered digits for a {@code gather} action ({@code call.gather}). The digits
 * may be a PIN or a card number: {@link #toString()} shows only how many there are.
 *
 * @param type the raw event name, {@code call.gather}
 * @param callId the call's id, {@code call_…}; {@code null} if SendPulse left it out
 * @param digits the digits entered; empty when none were (the gather timed out)
 * @param timestamp when they were entered
 * @param account the account whose endpoint received the event: {@code default} for the
 * top-level account, else the {@code account} of its {@link SendPulseWebhook}
 */
public record CallGatherEvent(String type, @Nullable String callId, String digits, Instant timestamp,
		String account) implements SendPulseEvent {

	/**
	 * Create an event of the top-level account, as the constructor did before events said
	 * which account they came from.
	 * @param type the raw event name
	 * @param callId as the component of that name
	 * @param digits as the component of that name
	 * @param timestamp as the component of that name
	 */
	public CallGatherEvent(String type, @Nullable String callId, String digits, Instant timestamp) {
		this(type, callId, digits, timestamp, DEFAULT_ACCOUNT);
	}

	@Override
	public String toString() {
		return "CallGatherEvent[type=" + this.type + ", callId=" + this.callId + ", digits=(" + this.digits.length()
				+ " hidden), timestamp=" + this.timestamp + ", account=" + this.account + "]";
	}

}
