package io.sendpulse.spring.sms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

import io.sendpulse.spring.client.RequestRules;
import io.sendpulse.spring.client.SendPulseClient;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The reactive view of {@link SmsTemplate}: the same operations, returning {@link Mono}.
 * Nothing is sent until the returned {@code Mono} is subscribed to; each subscription is a
 * new send.
 */
public final class ReactiveSmsTemplate {

	private final SendPulseClient client;

	private final @Nullable String defaultFrom;

	private final int bulkConcurrency;

	ReactiveSmsTemplate(SendPulseClient client, @Nullable String defaultFrom, int bulkConcurrency) {
		this.client = client;
		this.defaultFrom = (defaultFrom != null) ? RequestRules.sender("sendpulse.sms.from", defaultFrom) : null;
		this.bulkConcurrency = bulkConcurrency;
	}

	/**
	 * Send an SMS.
	 * @param request the message; its sender defaults to {@code sendpulse.sms.from}
	 * @return the message as SendPulse accepted it ({@code queued} or {@code scheduled})
	 */
	public Mono<SmsMessage> send(SmsRequest request) {
		return Mono.defer(() -> this.client.post("sms.send", SmsMessage.class, "/v1/sms/send", withSender(request)));
	}

	/**
	 * Send one text to many recipients, a request per recipient, at most
	 * {@code sendpulse.sms.bulk-concurrency} at a time, under the shared rate limit. A
	 * recipient listed twice gets one message. One recipient's failure never stops the
	 * others.
	 * @param recipients the recipients, E.164 numbers
	 * @param text the message, 1 to 1600 characters
	 * @return an outcome for each recipient
	 */
	public Mono<BulkSmsResult> send(Collection<String> recipients, String text) {
		return Mono.defer(() -> {
			RequestRules.text("text", text, SmsRequest.MAX_TEXT_LENGTH);
			String from = sender(null);
			return Flux.fromIterable(new LinkedHashSet<>(recipients))
				.flatMapSequential((to) -> sendOne(to, from, text), this.bulkConcurrency)
				.collect(BulkCollector::new, BulkCollector::add)
				.map(BulkCollector::result);
		});
	}

	/**
	 * Look up a message's current status.
	 * @param messageId the message's id, {@code msg_…}
	 * @return the message
	 */
	public Mono<SmsMessage> status(String messageId) {
		return Mono.defer(() -> this.client.get("sms.status", SmsMessage.class, "/v1/sms/{messageId}",
				RequestRules.required("messageId", messageId)));
	}

	private Mono<Object> sendOne(String to, String from, String text) {
		return Mono.fromCallable(() -> new SmsRequest(to, from, text, null, null))
			.flatMap((request) -> this.client.post("sms.send", SmsMessage.class, "/v1/sms/send", request))
			.<Object>map((message) -> message)
			.onErrorResume(RuntimeException.class, (ex) -> Mono.just(new SmsFailure(to, ex)));
	}

	private SmsRequest withSender(SmsRequest request) {
		return (request.from() != null) ? request : request.withFrom(sender(null));
	}

	private String sender(@Nullable String from) {
		if (from != null) {
			return from;
		}
		if (this.defaultFrom == null) {
			throw new IllegalArgumentException("from is required: set it on the request or set sendpulse.sms.from");
		}
		return this.defaultFrom;
	}

	/** Collects bulk outcomes; a Reactor collect is serial, so plain lists do. */
	private static final class BulkCollector {

		private final List<SmsMessage> sent = new ArrayList<>();

		private final List<SmsFailure> failures = new ArrayList<>();

		void add(Object outcome) {
			if (outcome instanceof SmsMessage message) {
				this.sent.add(message);
			}
			else {
				this.failures.add((SmsFailure) outcome);
			}
		}

		BulkSmsResult result() {
			return new BulkSmsResult(this.sent, this.failures);
		}

	}

}
