package io.sendpulse.spring.webhook;

import java.time.Instant;

import io.sendpulse.spring.internal.PhoneNumbers;
import io.sendpulse.spring.sms.SmsStatus;
import org.jspecify.annotations.Nullable;

/**
 * An SMS changed status: {@code sms.queued}, {@code sms.sent}, {@code sms.delivered},
 * {@code sms.undelivered} or {@code sms.failed}.
 *
 * @param type the raw event name, for example {@code sms.delivered}
 * @param messageId the message's id, {@code msg_…}; {@code null} if SendPulse left it out
 * @param to the recipient; {@code null} if SendPulse left it out
 * @param status the message's new status; {@link SmsStatus#UNKNOWN} if SendPulse left it
 * out or sent a status this version does not know
 * @param timestamp when the status changed
 * @param account the account whose endpoint received the event: {@code default} for the
 * top-level account, else the {@code account} of its {@link SendPulseWebhook}
 */
public record SmsStatusEvent(String type, @Nullable String messageId, @Nullable String to, SmsStatus status,
		Instant timestamp, String account) implements SendPulseEvent {

	/**
	 * Create an event of the top-level account, as the constructor did before events said
	 * which account they came from.
	 * @param type the raw event name
	 * @param messageId as the component of that name
	 * @param to as the component of that name
	 * @param status as the component of that name
	 * @param timestamp as the component of that name
	 */
	public SmsStatusEvent(String type, @Nullable String messageId, @Nullable String to, SmsStatus status,
			Instant timestamp) {
		this(type, messageId, to, status, timestamp, DEFAULT_ACCOUNT);
	}

	@Override
	public String toString() {
		return "SmsStatusEvent[type=" + this.type + ", messageId=" + this.messageId + ", to="
				+ PhoneNumbers.mask(this.to) + ", status=" + this.status + ", timestamp=" + this.timestamp
				+ ", account=" + this.account + "]";
	}

}
