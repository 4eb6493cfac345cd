package io.sendpulse.spring.webhook;

import java.time.Duration;
import java.time.Instant;

import io.sendpulse.spring.internal.PhoneNumbers;
import io.sendpulse.spring.voice.CallStatus;
import org.jspecify.annotations.Nullable;

/**
 * A voice call changed status: {@code call.ringing}, {@code call.in_progress},
 * {@code call.completed}, {@code call.busy}, {@code call.no_answer} or
 * {@code call.failed}.
 *
 * @param type the raw event name, for example {@code call.completed}
 * @param callId the call's id, {@code call_…}; {@code null} if SendPulse left it out
 * @param to the callee; {@code null} if SendPulse left it out
 * @param status the call's new status; {@link CallStatus#UNKNOWN} if SendPulse left it
 * out or sent a status this version does not know
 * @param duration how long the call lasted, when SendPulse says
 * @param timestamp when the status changed
 * @param account the account whose endpoint received the event: {@code default} for the
 * top-level account, else the {@code account} of its {@link SendPulseWebhook}
 */
public record CallStatusEvent(String type, @Nullable String callId, @Nullable String to, CallStatus status,
		@Nullable Duration duration, Instant timestamp, String account) implements SendPulseEvent {

	/**
	 * Create an event of the top-level account, as the constructor did before events said
	 * which account they came from.
	 * @param type the raw event name
	 * @param callId as the component of that name
	 * @param to as the component of that name
	 * @param status as the component of that name
	 * @param duration as the component of that name
	 * @param timestamp as the component of that name
	 */
	public CallStatusEvent(String type, @Nullable String callId, @Nullable String to, CallStatus status,
			@Nullable Duration duration, Instant timestamp) {
		this(type, callId, to, status, duration, timestamp, DEFAULT_ACCOUNT);
	}

	@Override
	public String toString() {
		return "CallStatusEvent[type=" + this.type + ", callId=" + this.callId + ", to=" + PhoneNumbers.mask(this.to)
				+ ", status=" + this.status + ", duration=" + this.duration + ", timestamp=" + this.timestamp
				+ ", account=" + this.account + "]";
	}

}
