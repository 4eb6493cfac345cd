package io.sendpulse.spring.webhook;

import java.time.Instant;

/**
 * An event SendPulse sent to a {@link SendPulseWebhook} endpoint, after its signature,
 * timestamp and novelty were checked. Published as an application event:
 * <p>
 * <pre class="code">
 * &#64;EventListener
 * void on(SendPulseEvent event) {
 *     if (event instanceof SmsStatusEvent sms) { ... }
 *     else if (event instanceof CallStatusEvent call) { ... }
 *     else if (event instanceof CallGatherEvent gather) { ... }
 *     else if (event instanceof CallRecordingEvent recording) { ... }
 *     else if (event instanceof VerificationEvent verification) { ... }
 *     else if (event instanceof UnknownEvent unknown) { ... }
 * }
 * </pre>
 * <p>
 * Sealed: on Java 21 and later, a {@code switch} with a {@code case} for each of them
 * needs no {@code default}.
 */
public sealed interface SendPulseEvent
		permits SmsStatusEvent, CallStatusEvent, CallGatherEvent, CallRecordingEvent, VerificationEvent, UnknownEvent {

	/** The account of events received by an endpoint of the top-level account. */
	String DEFAULT_ACCOUNT = "default";

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

	/**
	 * Return the account whose endpoint received the event, so that one listener can
	 * serve every account.
	 * @return {@code default} for the top-level account's endpoints, else the
	 * {@link SendPulseWebhook#account() account} the endpoint was declared for
	 */
	String account();

}
