package io.sendpulse.spring.internal.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.sendpulse.spring.internal.webhook.RecentDeliveries.Entry;
import io.sendpulse.spring.internal.webhook.RecentDeliveries.Fingerprint;
import io.sendpulse.spring.webhook.SendPulseEvent;
import io.sendpulse.spring.webhook.WebhookSignatureVerifier;
import io.sendpulse.spring.webhook.WebhookVerificationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;

/**
 * The stack-neutral core of a {@link SendPulseWebhook} endpoint: takes the raw body and
 * the {@code X-Signature} header, and checks, in this order, the size, the signature, the
 * body, the timestamp and novelty, then publishes the event synchronously to the
 * application's listeners. A delivery identical to one published within the tolerance
 * window is answered 200 without publishing; one identical to a delivery still being
 * published waits for it and answers what it answers, so that no copy is acknowledged
 * before the event was handled. The Spring MVC and WebFlux endpoints are thin adapters
 * around it; a custom controller can use it too, answering
 * {@link WebhookOutcome#status()}. Thread-safe.
 */
public final class WebhookProcessor {

	/** Longest a delivery waits for an identical one being published. */
	static final Duration CONCURRENT_WAIT = Duration.ofSeconds(30);

	private static final Log logger = LogFactory.getLog(WebhookProcessor.class);

	private final WebhookSignatureVerifier verifier;

	private final ApplicationEventPublisher publisher;

	private final long maxPayloadSize;

	private final RecentDeliveries recentDeliveries;

	private final Clock clock;

	/**
	 * Create a processor.
	 * @param verifier the verifier of signatures and timestamps
	 * @param publisher where events are published
	 * @param maxPayloadSize the largest accepted body, in bytes
	 * @param clock the clock the verifier checks timestamps with, which also dates the
	 * memory of deliveries
	 */
	public WebhookProcessor(WebhookSignatureVerifier verifier, ApplicationEventPublisher publisher, long maxPayloadSize,
			Clock clock) {
		this(verifier, publisher, maxPayloadSize, clock, RecentDeliveries.DEFAULT_CAPACITY);
	}

	WebhookProcessor(WebhookSignatureVerifier verifier, ApplicationEventPublisher publisher, long maxPayloadSize,
			Clock clock, int capacity) {
		Assert.isTrue(maxPayloadSize > 0, "maxPayloadSize must be positive");
		this.verifier = verifier;
		this.clock = clock;
		this.publisher = publisher;
		this.maxPayloadSize = maxPayloadSize;
		this.recentDeliveries = new RecentDeliveries(capacity);
	}

	/**
	 * Return the largest accepted body; adapters stop reading beyond it and answer 413.
	 * @return the limit in bytes
	 */
	public long getMaxPayloadSize() {
		return this.maxPayloadSize;
	}

	/**
	 * Handle a delivery from start to end on the calling thread: check it, and publish
	 * its event if it is new.
	 * @param body the raw body bytes, exactly as received
	 * @param signature the {@code X-Signature} header, if there was one
	 * @return the outcome, whose {@link WebhookOutcome#status() status} to answer
	 */
	public WebhookOutcome process(byte[] body, @Nullable String signature) {
		Delivery delivery = receive(body, signature);
		if (delivery.isToPublish()) {
			return publish(delivery);
		}
		try {
			return delivery.outcome().get(CONCURRENT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			return WebhookOutcome.IN_PROGRESS;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return WebhookOutcome.IN_PROGRESS;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	/**
	 * Check a delivery and claim it if it is new, without publishing it yet: for an
	 * adapter that publishes on another thread than the one that read the body.
	 * @param body the raw body bytes, exactly as received
	 * @param signature the {@code X-Signature} header, if there was one
	 * @return the delivery: {@link #publish(Delivery) publish} it when it
	 * {@link Delivery#isToPublish() is to publish}, else answer its
	 * {@link Delivery#outcome()}
	 */
	public Delivery receive(byte[] body, @Nullable String signature) {
		if (body.length > this.maxPayloadSize) {
			return Delivery.answered(WebhookOutcome.TOO_LARGE);
		}
		SendPulseEvent event;
		try {
			event = this.verifier.verify(body, signature);
		}
		catch (WebhookVerificationException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Rejected a SendPulse webhook delivery: " + ex.getMessage());
			}
			return Delivery.answered(switch (ex.getReason()) {
				case INVALID_SIGNATURE -> WebhookOutcome.INVALID_SIGNATURE;
				case MALFORMED -> WebhookOutcome.MALFORMED;
				case OUTSIDE_TOLERANCE -> WebhookOutcome.OUTSIDE_TOLERANCE;
			});
		}
		Fingerprint fingerprint = this.recentDeliveries.fingerprint(body);
		Instant now = this.clock.instant();
		// Remembered while the body could still pass the timestamp check, and no longer.
		Entry entry = new Entry(event.timestamp().plus(this.verifier.getTolerance()));
		Entry first = this.recentDeliveries.claim(fingerprint, entry, now);
		if (first == null) {
			return new Delivery(event, fingerprint, entry);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Acknowledging a redelivered SendPulse " + event.type() + " event without publishing it");
		}
		return Delivery.answered(first.published
			.thenApply((published) -> published ? WebhookOutcome.DUPLICATE : WebhookOutcome.LISTENER_FAILED));
	}

	/**
	 * Publish a delivery's event to the application's listeners, on the calling thread.
	 * When a listener throws, the delivery is forgotten, so that SendPulse's redelivery
	 * is published.
	 * @param delivery a delivery {@link #receive(byte[], String) received} and to publish
	 * @return {@link WebhookOutcome#PUBLISHED}, or {@link WebhookOutcome#LISTENER_FAILED}
	 */
	public WebhookOutcome publish(Delivery delivery) {
		Assert.isTrue(delivery.isToPublish(), "delivery is not to publish");
		SendPulseEvent event = delivery.event;
		Fingerprint fingerprint = delivery.fingerprint;
		Entry entry = delivery.entry;
		Assert.state(event != null && fingerprint != null && entry != null, "delivery has no event");
		boolean published = false;
		try {
			this.publisher.publishEvent(event);
			published = true;
			return WebhookOutcome.PUBLISHED;
		}
		catch (RuntimeException ex) {
			logger.error("A listener failed on SendPulse " + event.type() + " event; answering 500 so that "
					+ "SendPulse delivers it again", ex);
			return WebhookOutcome.LISTENER_FAILED;
		}
		finally {
			if (!published) {
				// Forgotten first, so that no later copy is taken for a duplicate of a
				// failure.
				this.recentDeliveries.remove(fingerprint, entry);
			}
			entry.published.complete(published);
		}
	}

	int rememberedDeliveries() {
		return this.recentDeliveries.size();
	}

	/**
	 * A delivery checked by {@link #receive(byte[], String)}: either new and to publish,
	 * or answered by its {@link #outcome()}.
	 */
	public static final class Delivery {

		private final CompletableFuture<WebhookOutcome> outcome;

		private final @Nullable SendPulseEvent event;

		private final @Nullable Fingerprint fingerprint;

		private final @Nullable Entry entry;

		private Delivery(SendPulseEvent event, Fingerprint fingerprint, Entry entry) {
			this.outcome = CompletableFuture.completedFuture(WebhookOutcome.PUBLISHED);
			this.event = event;
			this.fingerprint = fingerprint;
			this.entry = entry;
		}

		private Delivery(CompletableFuture<WebhookOutcome> outcome) {
			this.outcome = outcome;
			this.event = null;
			this.fingerprint = null;
			this.entry = null;
		}

		static Delivery answered(WebhookOutcome outcome) {
			return new Delivery(CompletableFuture.completedFuture(outcome));
		}

		static Delivery answered(CompletableFuture<WebhookOutcome> outcome) {
			return new Delivery(outcome);
		}

		/**
		 * Return whether the delivery is verified and new, so its event is to be
		 * published.
		 * @return whether to {@link WebhookProcessor#publish(Delivery) publish} it
		 */
		public boolean isToPublish() {
			return this.event != null;
		}

		/**
		 * Return the outcome of a delivery that is not to be published: a rejection or
		 * {@link WebhookOutcome#DUPLICATE} at once, or, for a copy of a delivery still
		 * being published, what that one's publication ends in (wait for it with a
		 * timeout, and answer {@link WebhookOutcome#IN_PROGRESS} when it runs out).
		 * @return the outcome
		 */
		public CompletableFuture<WebhookOutcome> outcome() {
			return this.outcome.copy();
		}

		/**
		 * Return the verified event.
		 * @return the event, {@code null} when the delivery is not to be published
		 */
		public @Nullable SendPulseEvent event() {
			return this.event;
		}

	}

}
