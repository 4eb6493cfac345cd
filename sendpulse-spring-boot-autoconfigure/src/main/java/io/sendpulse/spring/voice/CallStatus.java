package io.sendpulse.spring.voice;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.sendpulse.spring.internal.WireNames;
import org.jspecify.annotations.Nullable;

/**
 * Where a voice call is.
 */
public enum CallStatus {

	/** Accepted, not dialled yet. */
	QUEUED,
	/** The callee's phone is ringing. */
	RINGING,
	/** The callee answered; the actions are running. */
	IN_PROGRESS,
	/** The call ended normally. */
	COMPLETED,
	/** The callee's line was busy. */
	BUSY,
	/** Nobody answered within the ring timeout. */
	NO_ANSWER,
	/** The call could not be placed. */
	FAILED,
	/** A status this version of the starter does not know yet. */
	UNKNOWN;

	private static final WireNames<CallStatus> WIRE_NAMES = WireNames.of(CallStatus.class, UNKNOWN);

	/**
	 * Return the API's name for this status.
	 * @return the wire value, for example {@code in_progress}
	 */
	@JsonValue
	public String value() {
		return WIRE_NAMES.value(this);
	}

	/**
	 * Return the status an API value names.
	 * @param value the wire value
	 * @return the status, {@link #UNKNOWN} for a value this version does not know
	 */
	@JsonCreator
	public static CallStatus of(@Nullable String value) {
		return WIRE_NAMES.of(value);
	}

}
