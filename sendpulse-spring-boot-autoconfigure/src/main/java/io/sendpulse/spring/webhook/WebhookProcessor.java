package io.sendpulse.spring.webhook;

import java.time.Instant;

import io.sendpulse.spring.webhook.RecentDeliveries.Fingerprint;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;

/**
 * The stack-neutral core of a {@link SendPulseWebhook} endpoint: takes the raw body and the
 * {@code X-Signature} header, and checks, in this order, the size, the signature, the body,
 * the timestamp and novelty, then publishes the event synchronously to the application's
 * listeners. The Spring MVC and WebFlux endpoints are thin adapters around it; a custom
 * controller can use it too, answering {@link WebhookOutcome#status()}. Thread-safe.
 */
public final class WebhookProcessor {

	private static final Log logger = LogFactory.getLog(WebhookProcessor.class);

	private final WebhookSignatureVerifier verifier;

	private final ApplicationEventPublisher publisher;

	private final long maxPayloadSize;

	private final RecentDeliveries recentDeliveries;

	/**
	 * Create a processor.
	 * @param verifier the verifier of signatures and timestamps
	 * @param publisher where events are published
	 * @param maxPayloadSize the largest accepted body, in bytes
	 */
	public WebhookProcessor(WebhookSignatureVerifier verifier, ApplicationEventPublisher publisher,
			long maxPayloadSize) {
		this(verifier, publisher, maxPayloadSize, RecentDeliveries.DEFAULT_CAPACITY);
	}

	WebhookProcessor(WebhookSignatureVerifier verifier, ApplicationEventPublisher publisher, long maxPayloadSize,
			int capacity) {
		Assert.isTrue(maxPayloadSize > 0, "maxPayloadSize must be positive");
		this.verifier = verifier;
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
	 * Handle a delivery from start to end: check it, and publish its event if it is new.
	 * @param body the raw body bytes, exactly as received
	 * @param signature the {@code X-Signature} header, if there was one
	 * @return the outcome, whose {@link WebhookOutcome#status() status} to answer
	 */
	public WebhookOutcome process(byte[] body, @Nullable String signature) {
		Delivery delivery = receive(body, signature);
		return delivery.isToPublish() ? publish(delivery) : delivery.outcome();
	}

	/**
	 * Check a delivery and claim it if it is new, without publishing it yet: for an adapter
	 * that publishes on another thread than the one that read the body.
	 * @param body the raw body bytes, exactly as received
	 * @param signature the {@code X-Signature} header, if there was one
	 * @return the delivery; {@link #publish(Delivery)} it when {@link Delivery#isToPublish()}
	 */
	public Delivery receive(byte[] body, @Nullable String signature) {
		if (body.length > this.maxPayloadSize) {
			return Delivery.rejected(WebhookOutcome.TOO_LARGE);
		}
		SendPulseEvent event;
		try {
			event = this.verifier.verify(body, signature);
		}
		catch (WebhookVerificationException ex) {
			if (logger.isDebugEnabled()) {
				logger.debug("Rejected a SendPulse webhook delivery: " + ex.getMessage());
			}
			return Delivery.rejected(switch (ex.getReason()) {
				case INVALID_SIGNATURE -> WebhookOutcome.INVALID_SIGNATURE;
				case MALFORMED -> WebhookOutcome.MALFORMED;
				case OUTSIDE_TOLERANCE -> WebhookOutcome.OUTSIDE_TOLERANCE;
			});
		}
		Fingerprint fingerprint = this.recentDeliveries.fingerprint(body);
		Instant now = this.verifier.getClock().instant();
		// Remembered while the body could still pass the timestamp check, and no longer.
		Instant expiry = event.timestamp().plus(this.verifier.getTolerance());
		if (!this.recentDeliveries.add(fingerprint, expiry, now)) {
			if (logger.isDebugEnabled()) {
				logger.debug("Acknowledged a redelivered SendPulse " + event.type() + " event without publishing it");
			}
			return Delivery.rejected(WebhookOutcome.DUPLICATE);
		}
		return new Delivery(WebhookOutcome.PUBLISHED, event, fingerprint);
	}

	/**
	 * Publish a delivery's event to the application's listeners, on the calling thread. When a
	 * listener throws, the delivery is forgotten, so that SendPulse's redelivery is published.
	 * @param delivery a delivery {@link #receive(byte[], String) received} and to publish
	 * @return {@link WebhookOutcome#PUBLISHED}, or {@link WebhookOutcome#LISTENER_FAILED}
	 */
	public WebhookOutcome publish(Delivery delivery) {
		Assert.isTrue(delivery.isToPublish(), "delivery is not to publish");
		SendPulseEvent event = delivery.event;
		Fingerprint fingerprint = delivery.fingerprint;
		Assert.state(event != null && fingerprint != null, "delivery has no event");
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
				this.recentDeliveries.remove(fingerprint);
			}
		}
	}

	int rememberedDeliveries() {
		return this.recentDeliveries.size();
	}

	/**
	 * A delivery checked by {@link #receive(byte[], String)}: either to publish, or answered
	 * already.
	 */
	public static final class Delivery {

		private final WebhookOutcome outcome;

		private final @Nullable SendPulseEvent event;

		private final @Nullable Fingerprint fingerprint;

		private Delivery(WebhookOutcome outcome, @Nullable SendPulseEvent event, @Nullable Fingerprint fingerprint) {
			this.outcome = outcome;
			this.event = event;
			this.fingerprint = fingerprint;
		}

		static Delivery rejected(WebhookOutcome outcome) {
			return new Delivery(outcome, null, null);
		}

		/**
		 * Return whether the delivery is verified and new, so its event is to be published.
		 * @return whether to {@link WebhookProcessor#publish(Delivery) publish} it
		 */
		public boolean isToPublish() {
			return this.event != null;
		}

		/**
		 * Return the outcome of a delivery that is not to be published.
		 * @return the outcome: a rejection or {@link WebhookOutcome#DUPLICATE}
		 */
		public WebhookOutcome outcome() {
			return this.outcome;
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
