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
 */
public record CallGatherEvent(String type, @Nullable String callId, String digits,
		Instant timestamp) implements SendPulseEvent {

	@Override
	public String toString() {
		return "CallGatherEvent[type=" + this.type + ", callId=" + this.callId + ", digits=(" + this.digits.length()
				+ " hidden), timestamp=" + this.timestamp + "]";
	}

}
