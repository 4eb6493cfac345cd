package io.sendpulse.spring.internal.sms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;

import io.sendpulse.spring.internal.PhoneNumbers;
import io.sendpulse.spring.internal.client.RequestRules;
import io.sendpulse.spring.internal.client.SendPulseClient;
import io.sendpulse.spring.sms.BulkSmsResult;
import io.sendpulse.spring.sms.ReactiveSmsTemplate;
import io.sendpulse.spring.sms.SmsFailure;
import io.sendpulse.spring.sms.SmsMessage;
import io.sendpulse.spring.sms.SmsRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@link ReactiveSmsTemplate} on the client core: requests with the configured
 * defaults filled in.
 */
public final class DefaultReactiveSmsTemplate implements ReactiveSmsTemplate {

	private final SendPulseClient client;

	private final @Nullable String defaultFrom;

	private final int bulkConcurrency;

	/**
	 * Create the template.
	 * @param client the client core
	 * @param defaultFrom the sender used when a request names none
	 * ({@code sendpulse.sms.from})
	 * @param bulkConcurrency how many requests a bulk send keeps in flight
	 */
	public DefaultReactiveSmsTemplate(SendPulseClient client, @Nullable String defaultFrom, int bulkConcurrency) {
		this.client = client;
		this.defaultFrom = (defaultFrom != null) ? RequestRules.sender("sendpulse.sms.from", defaultFrom) : null;
		this.bulkConcurrency = bulkConcurrency;
	}

	@Override
	public Mono<SmsMessage> send(SmsRequest request) {
		return Mono.defer(() -> this.client.post("sms.send", SmsMessage.class, "/v1/sms/send", withSender(request)));
	}

	@Override
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

	@Override
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
		return (request.from() != null) ? request : new SmsRequest(request.to(), sender(null), request.text(),
				request.callbackUrl(), request.scheduledAt());
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

	@Override
	public String toString() {
		return "DefaultReactiveSmsTemplate[client=" + this.client + ", defaultFrom="
				+ PhoneNumbers.maskAll(this.defaultFrom) + "]";
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
