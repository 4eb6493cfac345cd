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
 */
public record UnknownEvent(String type, Instant timestamp, String json) implements SendPulseEvent {

	@Override
	public String toString() {
		// The body may hold phone numbers.
		return "UnknownEvent[type=" + this.type + ", timestamp=" + this.timestamp + ", json="
				+ PhoneNumbers.maskAll(this.json) + "]";
	}

}
