package io.sendpulse.spring.sms;

import java.math.BigDecimal;
import java.time.Instant;

import io.sendpulse.spring.internal.PhoneNumbers;
import org.jspecify.annotations.Nullable;

/**
 * An SMS as SendPulse knows it.
 *
 * @param id the message's id, {@code msg_…}
 * @param to the recipient
 * @param status where the message is
 * @param deliveredAt when the handset confirmed receipt, if it did
 * @param segments how many SMS segments the text took
 * @param cost what the message cost
 */
public record SmsMessage(String id, String to, SmsStatus status, @Nullable Instant deliveredAt, int segments,
		@Nullable BigDecimal cost) {

	@Override
	public String toString() {
		return "SmsMessage[id=" + this.id + ", to=" + PhoneNumbers.mask(this.to) + ", status=" + this.status
				+ ", deliveredAt=" + this.deliveredAt + ", segments=" + this.segments + ", cost=" + this.cost + "]";
	}

}
