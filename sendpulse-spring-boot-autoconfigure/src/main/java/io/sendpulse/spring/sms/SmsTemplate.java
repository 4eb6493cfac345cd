package io.sendpulse.spring.sms;

import java.util.Collection;

import io.sendpulse.spring.client.SendPulseClient;
import org.jspecify.annotations.Nullable;

/**
 * Sends SMS through SendPulse and looks up their status. Thread-safe; inject the bean the
 * auto-configuration creates:
 * <pre>{@code
 * SmsMessage message = sms.send(SmsRequest.builder().to("+14155550123").text("Hello").build());
 * SmsStatus status = sms.status(message.id()).status();
 * }</pre>
 * Failures raise a {@link io.sendpulse.spring.SendPulseException}; a request that breaks the
 * API's rules raises an {@link IllegalArgumentException} before anything is sent. For
 * non-blocking code use {@link #reactive()}.
 */
public class SmsTemplate {

	private final ReactiveSmsTemplate reactive;

	/**
	 * Create a template.
	 * @param client the client core
	 * @param defaultFrom the sender used when a request names none ({@code sendpulse.sms.from})
	 * @param bulkConcurrency how many requests a bulk send keeps in flight
	 */
	public SmsTemplate(SendPulseClient client, @Nullable String defaultFrom, int bulkConcurrency) {
		this.reactive = new ReactiveSmsTemplate(client, defaultFrom, bulkConcurrency);
	}

	/**
	 * Send an SMS.
	 * @param request the message; its sender defaults to {@code sendpulse.sms.from}
	 * @return the message as SendPulse accepted it ({@code queued} or {@code scheduled})
	 */
	public SmsMessage send(SmsRequest request) {
		return SendPulseClient.block(this.reactive.send(request));
	}

	/**
	 * Send one text to many recipients. See {@link ReactiveSmsTemplate#send(Collection, String)}.
	 * @param recipients the recipients, E.164 numbers
	 * @param text the message, 1 to 1600 characters
	 * @return an outcome for each recipient
	 */
	public BulkSmsResult send(Collection<String> recipients, String text) {
		return SendPulseClient.block(this.reactive.send(recipients, text));
	}

	/**
	 * Look up a message's current status.
	 * @param messageId the message's id, {@code msg_…}
	 * @return the message
	 */
	public SmsMessage status(String messageId) {
		return SendPulseClient.block(this.reactive.status(messageId));
	}

	/**
	 * Return the reactive view: the same operations, returning {@code Mono}.
	 * @return the reactive view
	 */
	public ReactiveSmsTemplate reactive() {
		return this.reactive;
	}

}
