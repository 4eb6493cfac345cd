package io.sendpulse.spring.verify;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.sendpulse.spring.internal.WireNames;
import org.jspecify.annotations.Nullable;

/**
 * Where a phone verification is.
 */
public enum VerificationStatus {

	/** The code was sent; waiting for the user to enter it. */
	PENDING,
	/** The user entered the right code. */
	APPROVED,
	/** The code expired before the right one was entered. */
	EXPIRED,
	/** Too many wrong codes, or the code could not be delivered. */
	FAILED,
	/** A value this version of the starter does not know yet. */
	UNKNOWN;

	private static final WireNames<VerificationStatus> WIRE_NAMES = WireNames.of(VerificationStatus.class, UNKNOWN);

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
	public static VerificationStatus of(@Nullable String value) {
		return WIRE_NAMES.of(value);
	}

}
