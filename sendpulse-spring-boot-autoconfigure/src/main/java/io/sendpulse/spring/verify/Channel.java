package io.sendpulse.spring.verify;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * How a verification code reaches the user.
 */
public enum Channel {

	/** By SMS. */
	SMS("sms"),
	/** Read out in a voice call. */
	VOICE("voice"),
	/** By WhatsApp message. */
	WHATSAPP("whatsapp"),
	/** A value this version of the starter does not know yet. */
	UNKNOWN("unknown");

	private final String value;

	Channel(String value) {
		this.value = value;
	}

	/**
	 * Return the API's name for this value.
	 * @return the wire value
	 */
	@JsonValue
	public String value() {
		return this.value;
	}

	/**
	 * Return the constant an API value names.
	 * @param value the wire value
	 * @return the constant, {@link #UNKNOWN} for a value this version does not know
	 */
	@JsonCreator
	public static Channel of(@Nullable String value) {
		for (Channel candidate : values()) {
			if (candidate.value.equals(value)) {
				return candidate;
			}
		}
		return UNKNOWN;
	}

}
