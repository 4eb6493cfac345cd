package io.sendpulse.spring.sms;

import java.util.Collection;

import io.sendpulse.spring.internal.client.Blocking;

/**
 * Sends SMS through SendPulse and looks up their status. Thread-safe; inject the bean the
 * auto-configuration creates:
 * <p>
 * <pre class="code">
 * SmsMessage message = sms.send(SmsRequest.builder().to("+14155550123").text("Hello").build());
 * SmsStatus status = sms.status(message.id()).status();
 * </pre>
 * <p>
 * Failures raise a {@link io.sendpulse.spring.SendPulseException}; a request that breaks
 * the API's rules raises an {@link IllegalArgumentException} before anything is sent.
 * Each blocking method waits for its twin on {@link #reactive()}, the view for
 * non-blocking code.
 */
public interface SmsTemplate {

	/**
	 * Return the reactive view: the same operations, returning {@code Mono}.
	 * @return the reactive view
	 */
	ReactiveSmsTemplate reactive();

	/**
	 * Send an SMS.
	 * @param request the message; its sender defaults to {@code sendpulse.sms.from}
	 * @return the message as SendPulse accepted it ({@code queued} or {@code scheduled})
	 */
	default SmsMessage send(SmsRequest request) {
		return Blocking.block(reactive().send(request));
	}

	/**
	 * Send one text to many recipients. See
	 * {@link ReactiveSmsTemplate#send(Collection, String)}.
	 * @param recipients the recipients, E.164 numbers
	 * @param text the message, 1 to 1600 characters
	 * @return an outcome for each recipient
	 */
	default BulkSmsResult send(Collection<String> recipients, String text) {
		return Blocking.block(reactive().send(recipients, text));
	}

	/**
	 * Look up a message's current status.
	 * @param messageId the message's id, {@code msg_…}
	 * @return the message
	 */
	default SmsMessage status(String messageId) {
		return Blocking.block(reactive().status(messageId));
	}

}
