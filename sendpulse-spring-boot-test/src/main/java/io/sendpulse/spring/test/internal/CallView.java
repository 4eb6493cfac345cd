package io.sendpulse.spring.test.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A voice call as the sandbox holds it, with its status as the wire spells it.
 *
 * @param id the call's id
 * @param to the callee
 * @param from the caller ID
 * @param actions the call flow, as the sandbox read it
 * @param timeout how long it may ring
 * @param status the wire status, such as {@code in_progress}
 * @param placedAt when it was accepted, on the sandbox clock
 * @param duration how long it lasted, once completed
 */
public record CallView(String id, String to, String from, List<CallAction> actions, Duration timeout, String status,
		Instant placedAt, @Nullable Duration duration) {

	@Override
	public String toString() {
		return "CallView[id=" + this.id + ", to=" + PhoneMask.mask(this.to) + ", status=" + this.status + "]";
	}

}
