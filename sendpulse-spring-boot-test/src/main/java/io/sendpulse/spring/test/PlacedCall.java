package io.sendpulse.spring.test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.sendpulse.spring.test.internal.PhoneMask;
import io.sendpulse.spring.voice.CallStatus;
import io.sendpulse.spring.voice.VoiceAction;
import org.jspecify.annotations.Nullable;

/**
 * A voice call the sandbox accepted, as it stands when {@link SendPulseSandbox#calls()}
 * was called.
 *
 * @param id the call's id, {@code call_…}
 * @param to the callee
 * @param from the caller ID
 * @param actions the call flow, as requested
 * @param timeout how long it may ring
 * @param status where the call is in its lifecycle
 * @param placedAt when the sandbox accepted it, on the sandbox clock
 * @param duration how long the call lasted, once it is {@code completed}
 */
public record PlacedCall(String id, String to, String from, List<VoiceAction> actions, Duration timeout,
		CallStatus status, Instant placedAt, @Nullable Duration duration) {

	@Override
	public String toString() {
		return "PlacedCall[id=" + this.id + ", to=" + PhoneMask.mask(this.to) + ", from="
				+ PhoneMask.maskSender(this.from) + ", actions=" + this.actions.size() + ", status=" + this.status
				+ ", duration=" + this.duration + "]";
	}

}
