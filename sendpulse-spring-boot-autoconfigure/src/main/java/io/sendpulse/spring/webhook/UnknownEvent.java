package io.sendpulse.spring.webhook;

import java.time.Instant;

import io.sendpulse.spring.internal.PhoneNumbers;

/**
 * An event this version of the starter does not know yet, published rather than rejected
 * so that new SendPulse events reach the application.
 *
 * @param type the raw event name
 * @param timestamp when the event happened
 * @param json the verified body, exactly as received
 * @param account the account whose endpoint received the event: {@code default} for the
 * top-level account, else the {@code account} of its {@link SendPulseWebhook}
 */
public record UnknownEvent(String type, Instant timestamp, String json, String account) implements SendPulseEvent {

	/**
	 * Create an event of the top-level account, as the constructor did before events said
	 * which account they came from.
	 * @param type the raw event name
	 * @param timestamp as the component of that name
	 * @param json as the component of that name
	 */
	public UnknownEvent(String type, Instant timestamp, String json) {
		this(type, timestamp, json, DEFAULT_ACCOUNT);
	}

	@Override
	public String toString() {
		// The body may hold phone numbers.
		return "UnknownEvent[type=" + this.type + ", timestamp=" + this.timestamp + ", json="
				+ PhoneNumbers.maskAll(this.json) + ", account=" + this.account + "]";
	}

}
