package io.sendpulse.spring.verify;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * Where a phone verification is.
 */
public enum VerificationStatus {

	/** The code was sent; waiting for the user to enter it. */
	PENDING("pending"),
	/** The user entered the right code. */
	APPROVED("approved"),
	/** The code expired before the right one was entered. */
	EXPIRED("expired"),
	/** Too many wrong codes, or the code could not be delivered. */
	FAILED("failed"),
	/** A value this version of the starter does not know yet. */
	UNKNOWN("unknown");

	private final String value;

	VerificationStatus(String value) {
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
	public static VerificationStatus of(@Nullable String value) {
		for (VerificationStatus candidate : values()) {
			if (candidate.value.equals(value)) {
				return candidate;
			}
		}
		return UNKNOWN;
	}

}
