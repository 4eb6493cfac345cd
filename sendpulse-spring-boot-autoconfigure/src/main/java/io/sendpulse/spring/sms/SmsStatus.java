package io.sendpulse.spring.sms;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.jspecify.annotations.Nullable;

/**
 * Where an SMS is on its way to the recipient.
 */
public enum SmsStatus {

	/** Accepted, waiting to be sent. */
	QUEUED("queued"),
	/** Accepted, to be sent at its {@code scheduled_at}. */
	SCHEDULED("scheduled"),
	/** Handed to the carrier. */
	SENT("sent"),
	/** The handset confirmed receipt. */
	DELIVERED("delivered"),
	/** The carrier could not deliver it. */
	UNDELIVERED("undelivered"),
	/** SendPulse could not send it. */
	FAILED("failed"),
	/** A status this version of the starter does not know yet. */
	UNKNOWN("unknown");

	private final String value;

	SmsStatus(String value) {
		this.value = value;
	}

	/**
	 * Return the API's name for this status.
	 * @return the wire value, for example {@code delivered}
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
	public static SmsStatus of(@Nullable String value) {
		for (SmsStatus status : values()) {
			if (status.value.equals(value)) {
				return status;
			}
		}
		return UNKNOWN;
	}

}
