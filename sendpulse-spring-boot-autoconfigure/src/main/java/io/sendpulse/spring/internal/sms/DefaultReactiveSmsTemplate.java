package io.sendpulse.spring.internal.sms;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.sendpulse.spring.internal.PhoneNumbers;
import io.sendpulse.spring.internal.client.RequestRules;
import io.sendpulse.spring.internal.client.SendPulseClient;
import io.sendpulse.spring.sms.BulkSmsResult;
import io.sendpulse.spring.sms.ReactiveSmsTemplate;
import io.sendpulse.spring.sms.SmsFailure;
import io.sendpulse.spring.sms.SmsMessage;
import io.sendpulse.spring.sms.SmsRequest;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@link ReactiveSmsTemplate} on the client core: requests with the configured
 * defaults filled in, texts prepared by the {@link SmsTextRules} and the segments of
 * accepted messages recorded.
 */
public final class DefaultReactiveSmsTemplate implements ReactiveSmsTemplate {

	private static final Log logger = LogFactory.getLog(DefaultReactiveSmsTemplate.class);

	private final SendPulseClient client;

	private final @Nullable String defaultFrom;

	private final int bulkConcurrency;

	private final SmsTextRules textRules;

	private final SmsSegmentRecorder segmentRecorder;

	/**
	 * Create a template that sends texts as they are and records no segments.
	 * @param client the client core
	 * @param defaultFrom the sender used when a request names none
	 * ({@code sendpulse.sms.from})
	 * @param bulkConcurrency how many requests a bulk send keeps in flight
	 */
	public DefaultReactiveSmsTemplate(SendPulseClient client, @Nullable String defaultFrom, int bulkConcurrency) {
		this(client, defaultFrom, bulkConcurrency, SmsTextRules.NONE, SmsSegmentRecorder.NONE);
	}

	/**
	 * Create the template.
	 * @param client the client core
	 * @param defaultFrom the sender used when a request names none
	 * ({@code sendpulse.sms.from})
	 * @param bulkConcurrency how many requests a bulk send keeps in flight
	 * @param textRules smart encoding and the segment limit
	 * @param segmentRecorder told of the segments of each accepted message
	 */
	public DefaultReactiveSmsTemplate(SendPulseClient client, @Nullable String defaultFrom, int bulkConcurrency,
			SmsTextRules textRules, SmsSegmentRecorder segmentRecorder) {
		this.client = client;
		this.defaultFrom = (defaultFrom != null) ? RequestRules.sender("sendpulse.sms.from", defaultFrom) : null;
		this.bulkConcurrency = bulkConcurrency;
		this.textRules = textRules;
		this.segmentRecorder = segmentRecorder;
	}

	@Override
	public Mono<SmsMessage> send(SmsRequest request) {
		return Mono.defer(() -> {
			SmsRequest withSender = withSender(request);
			SmsTextRules.Prepared text = this.textRules.prepare(withSender.text());
			return post(withText(withSender, text.text()), text.count());
		});
	}

	@Override
	public Mono<BulkSmsResult> send(Collection<String> recipients, String text) {
		return Mono.defer(() -> {
			RequestRules.text("text", text, SmsRequest.MAX_TEXT_LENGTH);
			noNullRecipient(recipients);
			// once per text, not per recipient
			SmsTextRules.Prepared prepared = this.textRules.prepare(text);
			String from = sender(null);
			Set<String> unique = new LinkedHashSet<>(recipients);
			BulkProgress progress = new BulkProgress(unique.size());
			return Flux.fromIterable(unique)
				.flatMapSequential(
						(to) -> sendOne(to, from, prepared).doOnSubscribe((subscription) -> progress.started())
							.doOnNext(progress::answered),
						this.bulkConcurrency)
				.collect(BulkCollector::new, BulkCollector::add)
				.map(BulkCollector::result)
				.doOnNext((result) -> progress.delivered())
				.doOnCancel(progress::cancelled);
		});
	}

	// Before anything is sent: met in the middle of the stream, a null would end it
	// with some messages sent and none of them reported.
	private static void noNullRecipient(@Nullable Collection<String> recipients) {
		if (recipients == null) {
			throw new IllegalArgumentException("recipients is required: nothing was sent");
		}
		int index = 0;
		for (String to : recipients) {
			if (to == null) {
				throw new IllegalArgumentException("recipients[" + index + "] is null, and every recipient must be a "
						+ "phone number in E.164 format: nothing was sent");
			}
			index++;
		}
	}

	@Override
	public Mono<SmsMessage> status(String messageId) {
		return Mono.defer(() -> this.client.get("sms.status", SmsMessage.class, "/v1/sms/{messageId}",
				RequestRules.id("messageId", messageId)));
	}

	private Mono<Object> sendOne(String to, String from, SmsTextRules.Prepared text) {
		return Mono.fromCallable(() -> new SmsRequest(to, from, text.text(), null, null))
			.flatMap((request) -> post(request, text.count()))
			.<Object>map((message) -> message)
			.onErrorResume(RuntimeException.class, (ex) -> Mono.just(new SmsFailure(to, ex)));
	}

	private Mono<SmsMessage> post(SmsRequest request, SegmentCount count) {
		return this.client.post("sms.send", SmsMessage.class, "/v1/sms/send", request)
			.doOnNext((message) -> recordSegments(message, count));
	}

	// The API's count is what is billed; ours stands in when a response carries none.
	private void recordSegments(SmsMessage message, SegmentCount count) {
		try {
			this.segmentRecorder.record(count.encoding(),
					(message.segments() > 0) ? message.segments() : count.segments());
		}
		catch (RuntimeException ex) {
			// a metric never turns a message that went out into a failure
			logger.warn("Could not count the segments of an SMS sent: " + ex);
		}
	}

	private static SmsRequest withText(SmsRequest request, String text) {
		return text.equals(request.text()) ? request
				: new SmsRequest(request.to(), request.from(), text, request.callbackUrl(), request.scheduledAt());
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

	/**
	 * How far a bulk send got, for the one record of it left when its caller cancels (a
	 * {@code timeout}, a client that hangs up): the result is never delivered then, and
	 * the messages already sent must not pass unnoticed.
	 */
	private static final class BulkProgress {

		private static final int IDS_SHOWN = 50;

		private final int recipients;

		private final AtomicInteger started = new AtomicInteger();

		private final AtomicInteger failed = new AtomicInteger();

		private final Queue<String> sentIds = new ConcurrentLinkedQueue<>();

		// A cancel after the result (take(1), a coroutine) loses nothing.
		private volatile boolean delivered;

		BulkProgress(int recipients) {
			this.recipients = recipients;
		}

		void started() {
			this.started.incrementAndGet();
		}

		void answered(Object outcome) {
			if (outcome instanceof SmsMessage message) {
				this.sentIds.add(String.valueOf(message.id()));
			}
			else {
				this.failed.incrementAndGet();
			}
		}

		void delivered() {
			this.delivered = true;
		}

		void cancelled() {
			if (this.delivered) {
				return;
			}
			List<String> ids = List.copyOf(this.sentIds);
			int answered = ids.size() + this.failed.get();
			int started = this.started.get();
			String shown = ids.stream().limit(IDS_SHOWN).collect(Collectors.joining(", "))
					+ ((ids.size() > IDS_SHOWN) ? ", and " + (ids.size() - IDS_SHOWN) + " more" : "");
			logger.warn("A bulk SMS send to " + this.recipients + " recipients was cancelled by its caller, so its "
					+ "result is lost: " + ids.size() + " were sent (" + (ids.isEmpty() ? "none" : shown) + "), "
					+ this.failed.get() + " failed, " + (started - answered)
					+ " were in flight and may have been sent, and " + (this.recipients - started) + " were not sent");
		}

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
