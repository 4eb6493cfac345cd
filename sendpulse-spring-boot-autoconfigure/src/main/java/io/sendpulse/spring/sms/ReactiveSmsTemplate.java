package io.sendpulse.spring.sms;

import java.util.Collection;

import reactor.core.publisher.Mono;

/**
 * The reactive view of {@link SmsTemplate}: the same operations, returning {@link Mono}.
 * Nothing is sent until the returned {@code Mono} is subscribed to; each subscription is
 * a new send.
 */
public interface ReactiveSmsTemplate {

	/**
	 * Send an SMS.
	 * @param request the message; its sender defaults to {@code sendpulse.sms.from}
	 * @return the message as SendPulse accepted it ({@code queued} or {@code scheduled})
	 */
	Mono<SmsMessage> send(SmsRequest request);

	/**
	 * Send one text to many recipients, a request per recipient, at most
	 * {@code sendpulse.sms.bulk-concurrency} at a time, under the shared rate limit. A
	 * recipient listed twice gets one message. One recipient's failure never stops the
	 * others. A {@code null} recipient fails the whole call, with an
	 * {@link IllegalArgumentException} that names its index, before anything is sent.
	 * @param recipients the recipients, E.164 numbers
	 * @param text the message, 1 to 1600 characters
	 * @return an outcome for each recipient
	 */
	Mono<BulkSmsResult> send(Collection<String> recipients, String text);

	/**
	 * Look up a message's current status.
	 * @param messageId the message's id, {@code msg_…}
	 * @return the message
	 */
	Mono<SmsMessage> status(String messageId);

}
