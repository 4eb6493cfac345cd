package io.sendpulse.spring.test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;

import io.sendpulse.spring.test.internal.PhoneMask;
import io.sendpulse.spring.sms.SmsStatus;
import org.jspecify.annotations.Nullable;

/**
 * An SMS the sandbox accepted, as it stands when {@link SendPulseSandbox#sentMessages()}
 * was called.
 *
 * @param id the message's id, {@code msg_…}
 * @param to the recipient
 * @param from the sender
 * @param text the text
 * @param status where the message is in its lifecycle
 * @param segments how many SMS segments the text takes (GSM-7 or UCS-2)
 * @param cost what the message cost: its segments times the segment price
 * @param callbackUrl where its webhooks go, if the request named a URL
 * @param scheduledAt when it is scheduled for, if it was scheduled
 * @param acceptedAt when the sandbox accepted it, on the sandbox clock
 * @param deliveredAt when it was delivered, on the sandbox clock, if it was
 */
public record SentMessage(String id, String to, String from, String text, SmsStatus status, int segments,
		BigDecimal cost, @Nullable URI callbackUrl, @Nullable Instant scheduledAt, Instant acceptedAt,
		@Nullable Instant deliveredAt) {

	@Override
	public String toString() {
		return "SentMessage[id=" + this.id + ", to=" + PhoneMask.mask(this.to) + ", from="
				+ PhoneMask.maskSender(this.from) + ", text=(" + this.text.length() + " characters), status="
				+ this.status + ", segments=" + this.segments + ", cost=" + this.cost + "]";
	}

}
