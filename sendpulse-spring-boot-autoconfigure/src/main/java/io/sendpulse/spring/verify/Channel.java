package io.sendpulse.spring.verify;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.sendpulse.spring.internal.WireNames;
import org.jspecify.annotations.Nullable;

/**
 * How a verification code reaches the user.
 */
public enum Channel {

	/** By SMS. */
	SMS,
	/** Read out in a voice call. */
	VOICE,
	/** By WhatsApp message. */
	WHATSAPP,
	/** A value this version of the starter does not know yet. */
	UNKNOWN;

	private static final WireNames<Channel> WIRE_NAMES = WireNames.of(Channel.class, UNKNOWN);

	/**
	 * Return the API's name for this value.
	 * @return the wire value
	 */
	@JsonValue
	public String value() {
		return WIRE_NAMES.value(this);
	}

	/**
	 * Return the constant an API value names.
	 * @param value the wire value
	 * @return the constant, {@link #UNKNOWN} for a value this version does not know
	 */
	@JsonCreator
	public static Channel of(@Nullable String value) {
		return WIRE_NAMES.of(value);
	}

}
