package io.sendpulse.spring.webhook;

import java.time.Instant;

import io.sendpulse.spring.internal.PhoneNumbers;
import io.sendpulse.spring.sms.SmsStatus;

/**
 * An SMS changed status: {@code sms.queued}, {@code sms.sent}, {@code sms.delivered},
 * {@code sms.undelivered} or {@code sms.failed}.
 *
 * @param type the raw event name, for example {@code sms.delivered}
 * @param messageId the message's id, {@code msg_…}
 * @param to the recipient
 * @param status the message's new status
 * @param timestamp when the status changed
 */
public record SmsStatusEvent(String type, String messageId, String to, SmsStatus status,
		Instant timestamp) implements SendPulseEvent {

	@Override
	public String toString() {
		return "SmsStatusEvent[type=" + this.type + ", messageId=" + this.messageId + ", to="
				+ PhoneNumbers.mask(this.to) + ", status=" + this.status + ", timestamp=" + this.timestamp + "]";
	}

}
