package io.sendpulse.spring.voice;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * Where a voice call is.
 */
public enum CallStatus {

	/** Accepted, not dialled yet. */
	QUEUED("queued"),
	/** The callee's phone is ringing. */
	RINGING("ringing"),
	/** The callee answered; the actions are running. */
	IN_PROGRESS("in_progress"),
	/** The call ended normally. */
	COMPLETED("completed"),
	/** The callee's line was busy. */
	BUSY("busy"),
	/** Nobody answered within the ring timeout. */
	NO_ANSWER("no_answer"),
	/** The call could not be placed. */
	FAILED("failed"),
	/** A status this version of the starter does not know yet. */
	UNKNOWN("unknown");

	private final String value;

	CallStatus(String value) {
		this.value = value;
	}

	/**
	 * Return the API's name for this status.
	 * @return the wire value, for example {@code in_progress}
	 */
	@JsonValue
	public String value() {
		return this.value;
	}

	/**
	 * Return the status an API value names.
	 * @param value the wire value
	 * @return the status, {@link #UNKNOWN} for a value this version does not know
	 */
	@JsonCreator
	public static CallStatus of(@Nullable String value) {
		for (CallStatus status : values()) {
			if (status.value.equals(value)) {
				return status;
			}
		}
		return UNKNOWN;
	}

}
