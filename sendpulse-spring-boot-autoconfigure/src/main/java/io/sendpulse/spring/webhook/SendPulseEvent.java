package io.sendpulse.spring.webhook;

import java.time.Instant;

/**
 * An event SendPulse sent to a {@link SendPulseWebhook} endpoint, after its signature,
 * timestamp and novelty were checked. Published as an application event:
 * <pre>{@code
 * @EventListener
 * void on(SendPulseEvent event) {
 *     switch (event) {
 *         case SmsStatusEvent sms -> ...
 *         case CallStatusEvent call -> ...
 *         case CallGatherEvent gather -> ...
 *         case CallRecordingEvent recording -> ...
 *         case VerificationEvent verification -> ...
 *         case UnknownEvent unknown -> ...
 *     }
 * }
 * }</pre>
 */
public sealed interface SendPulseEvent
		permits SmsStatusEvent, CallStatusEvent, CallGatherEvent, CallRecordingEvent, VerificationEvent, UnknownEvent {

	/**
	 * Return the event's name as SendPulse sent it.
	 * @return the raw {@code event} value, for example {@code sms.delivered}
	 */
	String type();

	/**
	 * Return when SendPulse says the event happened.
	 * @return the {@code timestamp} of the event
	 */
	Instant timestamp();

}
