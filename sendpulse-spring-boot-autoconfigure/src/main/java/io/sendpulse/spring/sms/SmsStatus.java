package io.sendpulse.spring.sms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.sendpulse.spring.internal.WireNames;
import org.jspecify.annotations.Nullable;

/**
 * Where an SMS is on its way to the recipient.
 */
public enum SmsStatus {

	/** Accepted, waiting to be sent. */
	QUEUED,
	/** Accepted, to be sent at its {@code scheduled_at}. */
	SCHEDULED,
	/** Handed to the carrier. */
	SENT,
	/** The handset confirmed receipt. */
	DELIVERED,
	/** The carrier could not deliver it. */
	UNDELIVERED,
	/** SendPulse could not send it. */
	FAILED,
	/** A status this version of the starter does not know yet. */
	UNKNOWN;

	private static final WireNames<SmsStatus> WIRE_NAMES = WireNames.of(SmsStatus.class, UNKNOWN);

	/**
	 * Return the API's name for this status.
	 * @return the wire value, for example {@code delivered}
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
	public static SmsStatus of(@Nullable String value) {
		return WIRE_NAMES.of(value);
	}

}
