package io.sendpulse.spring.test.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * An SMS as the sandbox holds it, with its status as the wire spells it.
 *
 * @param id the message's id
 * @param to the recipient
 * @param from the sender
 * @param text the text
 * @param status the wire status, such as {@code delivered}
 * @param segments the segments the text takes
 * @param cost what it cost
 * @param callbackUrl its webhook URL, if it named one
 * @param scheduledAt when it is scheduled for, if it is
 * @param acceptedAt when it was accepted, on the sandbox clock
 * @param deliveredAt when it was delivered, on the sandbox clock, if it was
 */
public record MessageView(String id, String to, String from, String text, String status, int segments, BigDecimal cost,
		@Nullable URI callbackUrl, @Nullable Instant scheduledAt, Instant acceptedAt, @Nullable Instant deliveredAt) {

	@Override
	public String toString() {
		return "MessageView[id=" + this.id + ", to=" + PhoneMask.mask(this.to) + ", status=" + this.status + "]";
	}

}
