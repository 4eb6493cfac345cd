package io.sendpulse.sample;

import java.net.URI;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.sendpulse.spring.webhook.CallGatherEvent;
import io.sendpulse.spring.webhook.CallRecordingEvent;
import io.sendpulse.spring.webhook.CallStatusEvent;
import io.sendpulse.spring.webhook.SendPulseEvent;
import io.sendpulse.spring.webhook.SmsStatusEvent;
import io.sendpulse.spring.webhook.VerificationEvent;
import org.jspecify.annotations.Nullable;

/**
 * A webhook event the service received, as {@code GET /events} lists it: flat, with the
 * phone number masked.
 *
 * @param event the event
 * @param receivedAt when it arrived here
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "id", "to", "status", "digits", "durationSeconds", "recordingUrl", "timestamp",
		"receivedAt" })
public record ReceivedEvent(@JsonIgnore SendPulseEvent event, Instant receivedAt) {

	/**
	 * Return the event's name.
	 * @return the name, such as {@code sms.delivered}
	 */
	@JsonProperty
	public String type() {
		return this.event.type();
	}

	/**
	 * Return the id of the message, call or verification the event is about.
	 * @return the id, or {@code null} for an event this version does not know
	 */
	@JsonProperty
	public @Nullable String id() {
		if (this.event instanceof SmsStatusEvent sms) {
			return sms.messageId();
		}
		if (this.event instanceof CallStatusEvent call) {
			return call.callId();
		}
		if (this.event instanceof CallGatherEvent gather) {
			return gather.callId();
		}
		if (this.event instanceof CallRecordingEvent recording) {
			return recording.callId();
		}
		if (this.event instanceof VerificationEvent verification) {
			return verification.requestId();
		}
		return null;
	}

	/**
	 * Return the phone number the event is about, masked.
	 * @return the masked number, or {@code null} when the event names none
	 */
	@JsonProperty
	public @Nullable String to() {
		if (this.event instanceof SmsStatusEvent sms) {
			return PhoneNumberMask.mask(sms.to());
		}
		if (this.event instanceof CallStatusEvent call) {
			return PhoneNumberMask.mask(call.to());
		}
		if (this.event instanceof VerificationEvent verification) {
			return PhoneNumberMask.mask(verification.to());
		}
		return null;
	}

	/**
	 * Return the new status the event reports.
	 * @return the API's status value, such as {@code delivered}, or {@code null}
	 */
	@JsonProperty
	public @Nullable String status() {
		if (this.event instanceof SmsStatusEvent sms) {
			return sms.status().value();
		}
		if (this.event instanceof CallStatusEvent call) {
			return call.status().value();
		}
		if (this.event instanceof VerificationEvent verification) {
			return verification.status().value();
		}
		return null;
	}

	/**
	 * Return the keys the callee pressed.
	 * @return the digits of a {@code call.gather} event, else {@code null}
	 */
	@JsonProperty
	public @Nullable String digits() {
		return (this.event instanceof CallGatherEvent gather) ? gather.digits() : null;
	}

	/**
	 * Return how long the call or the recording lasted.
	 * @return the whole seconds, when the event says
	 */
	@JsonProperty
	public @Nullable Long durationSeconds() {
		if (this.event instanceof CallStatusEvent call && call.duration() != null) {
			return call.duration().toSeconds();
		}
		if (this.event instanceof CallRecordingEvent recording) {
			return recording.duration().toSeconds();
		}
		return null;
	}

	/**
	 * Return where the recording can be downloaded.
	 * @return the URL of a {@code call.recording} event, else {@code null}
	 */
	@JsonProperty
	public @Nullable URI recordingUrl() {
		return (this.event instanceof CallRecordingEvent recording) ? recording.recordingUrl() : null;
	}

	/**
	 * Return when SendPulse says the event happened.
	 * @return the event's timestamp
	 */
	@JsonProperty
	public Instant timestamp() {
		return this.event.timestamp();
	}

}
