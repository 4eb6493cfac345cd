package io.sendpulse.spring.internal.webhook;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.sendpulse.spring.internal.webhook.DeliveryStore.Claim;
import io.sendpulse.spring.internal.webhook.DeliveryStore.Fingerprint;
import io.sendpulse.spring.webhook.SendPulseEvent;
import io.sendpulse.spring.webhook.WebhookSignatureVerifier;
import io.sendpulse.spring.webhook.WebhookVerificationException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;

/**
 * The stack-neutral core of a {@code @SendPulseWebhook} endpoint: takes the request's
 * method, declared length, raw body and {@code X-Signature} header, and checks, in this
 * order, the method, the size, the signature, the body, the timestamp and novelty, then
 * publishes the event to the application's listeners. A delivery identical to one
 * published within the tolerance window is answered 200 without publishing; one identical
 * to a delivery still being published waits for it (at most 30 seconds, then 503) and
 * answers what it answers, so that no copy is acknowledged before the event was handled.
 * A delivery once claimed is always either published or forgotten, whatever becomes of
 * the request that brought it, so that a redelivery is never stuck behind a claim nobody
 * completes. The memory of deliveries is a {@link DeliveryStore}: this JVM's by default,
 * or one shared by every instance, where a copy arriving at another instance gets the
 * same answers. The Spring MVC and WebFlux endpoints are thin adapters around it.
 * Thread-safe.
 */
public final class WebhookProcessor {

	/** Longest a delivery waits for an identical one being published. */
	static final Duration DEFAULT_COPY_WAIT = Duration.ofSeconds(30);

	private static final Log logger = LogFactory.getLog(WebhookProcessor.class);

	private static final Executor CALLING_THREAD = Runnable::run;

	private final WebhookSignatureVerifier verifier;

	private final ApplicationEventPublisher publisher;

	private final long maxPayloadSize;

	private final DeliveryStore deliveryStore;

	private final SingletonSupplier<String> namespace;

	private final Clock clock;

	private final Duration copyWait;

	private final WebhookDeliveryObserver observer;

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
		this(verifier, publisher, maxPayloadSize, clock, WebhookDeliveryObserver.NONE);
	}

	/**
	 * Create a processor whose deliveries are observed.
	 * @param verifier the verifier of signatures and timestamps
	 * @param publisher where events are published
	 * @param maxPayloadSize the largest accepted body, in bytes
	 * @param clock the clock the verifier checks timestamps with, which also dates the
	 * memory of deliveries
	 * @param observer what observes each delivery
	 */
	public WebhookProcessor(WebhookSignatureVerifier verifier, ApplicationEventPublisher publisher, long maxPayloadSize,
			Clock clock, WebhookDeliveryObserver observer) {
		this(verifier, publisher, maxPayloadSize, clock, observer, new InMemoryDeliveryStore(), () -> "default");
	}

	/**
	 * Create a processor whose deliveries are observed and remembered in the given store,
	 * which other processors may share.
	 * @param verifier the verifier of signatures and timestamps
	 * @param publisher where events are published
	 * @param maxPayloadSize the largest accepted body, in bytes
	 * @param clock the clock the verifier checks timestamps with, which also dates the
	 * memory of deliveries
	 * @param observer what observes each delivery
	 * @param deliveryStore where deliveries are remembered
	 * @param namespace this processor's part of the store: its account's
	 * {@link DeliveryStore#namespace(String) namespace}, asked for at the first delivery
	 */
	public WebhookProcessor(WebhookSignatureVerifier verifier, ApplicationEventPublisher publisher, long maxPayloadSize,
			Clock clock, WebhookDeliveryObserver observer, DeliveryStore deliveryStore, Supplier<String> namespace) {
		this(verifier, publisher, maxPayloadSize, clock, deliveryStore, namespace, DEFAULT_COPY_WAIT, observer);
	}

	WebhookProcessor(WebhookSignatureVerifier verifier, ApplicationEventPublisher publisher, long maxPayloadSize,
			Clock clock, int capacity, Duration copyWait) {
		this(verifier, publisher, maxPayloadSize, clock, new InMemoryDeliveryStore(capacity), () -> "default", copyWait,
				WebhookDeliveryObserver.NONE);
	}

	WebhookProcessor(WebhookSignatureVerifier verifier, ApplicationEventPublisher publisher, long maxPayloadSize,
			Clock clock, DeliveryStore deliveryStore, Supplier<String> namespace, Duration copyWait,
			WebhookDeliveryObserver observer) {
		Assert.isTrue(maxPayloadSize > 0, "maxPayloadSize must be positive");
		Assert.isTrue(!copyWait.isNegative() && !copyWait.isZero(), "copyWait must be positive");
		this.verifier = verifier;
		this.clock = clock;
		this.publisher = publisher;
		this.maxPayloadSize = maxPayloadSize;
		this.deliveryStore = deliveryStore;
		this.namespace = SingletonSupplier.of(namespace);
		this.copyWait = copyWait;
		this.observer = observer;
	}

	/**
	 * Return the largest accepted body; adapters stop reading beyond it.
	 * @return the limit in bytes
	 */
	public long getMaxPayloadSize() {
		return this.maxPayloadSize;
	}

	/**
	 * Return what to answer before reading the body, if the request line and headers
	 * already settle it: 405 to anything but a {@code POST}, 413 to a declared length
	 * beyond the limit.
	 * @param method the request's HTTP method
	 * @param declaredLength the {@code Content-Length}, negative when there is none
	 * @return the outcome to answer at once, or {@code null} to read the body and
	 * {@link #process(byte[], String, Executor) process} it
	 */
	public @Nullable WebhookOutcome answerBeforeReading(String method, long declaredLength) {
		if (!"POST".equals(method)) {
			return WebhookOutcome.METHOD_NOT_ALLOWED;
		}
		if (declaredLength > this.maxPayloadSize) {
			return tooLarge();
		}
		return null;
	}

	/**
	 * Observe a delivery refused as too large before it reached the processor (its
	 * declared length, or a server that stopped reading it at the limit).
	 * @return {@link WebhookOutcome#TOO_LARGE}
	 */
	public WebhookOutcome tooLarge() {
		this.observer.start().stop("none", WebhookOutcome.TOO_LARGE, null);
		return WebhookOutcome.TOO_LARGE;
	}

	/**
	 * Handle a delivery from start to end on the calling thread: check it, and publish
	 * its event if it is new.
	 * @param body the raw body bytes, exactly as received
	 * @param signature the {@code X-Signature} header, if there was one
	 * @return the outcome, whose {@link WebhookOutcome#status() status} to answer
	 */
	public WebhookOutcome process(byte[] body, @Nullable String signature) {
		WebhookDeliveryObserver.Observed observed = this.observer.start();
		try {
			// The claim awaited here, so that the listeners run on this thread, not on
			// the thread of a shared store's connection. Bounded: a store answers or
			// falls back within its command timeout, a copy's outcome times out to
			// IN_PROGRESS by itself.
			CompletableFuture<Delivery> delivery = receiveAsync(body, signature);
			delivery.join();
			return handle(delivery, CALLING_THREAD, observed).get();
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
	 * Handle a delivery: check it on the calling thread and, if it is new, publish its
	 * event with the given executor. The publication does not depend on the returned
	 * future: cancelling it, or dropping it because the client hung up, still publishes
	 * the event (or forgets the delivery when the executor refuses the task), so that a
	 * redelivery is answered as it should be.
	 * @param body the raw body bytes, exactly as received
	 * @param signature the {@code X-Signature} header, if there was one
	 * @param listenerExecutor where the listeners run
	 * @return the outcome, completed when the event was published, at once for a
	 * rejection or a duplicate, or when the identical delivery being published ends (or
	 * the wait for it runs out)
	 */
	public CompletableFuture<WebhookOutcome> process(byte[] body, @Nullable String signature,
			Executor listenerExecutor) {
		return handle(receiveAsync(body, signature), listenerExecutor, this.observer.start());
	}

	// Not thenCompose: a future cancelled by the caller would skip the publication of a
	// delivery claimed after that, leaving the claim to nobody.
	private CompletableFuture<WebhookOutcome> handle(CompletableFuture<Delivery> claimed, Executor listenerExecutor,
			WebhookDeliveryObserver.Observed observed) {
		CompletableFuture<WebhookOutcome> outcome = new CompletableFuture<>();
		claimed.whenComplete((delivery, failure) -> {
			if (delivery == null) {
				observed.stop("none", WebhookOutcome.IN_PROGRESS, null);
				outcome.completeExceptionally(failure);
				return;
			}
			publish(delivery, listenerExecutor).whenComplete((result, ex) -> {
				WebhookOutcome answer = (result != null) ? result : WebhookOutcome.LISTENER_FAILED;
				observed.stop(delivery.eventFamily, answer,
						(answer == WebhookOutcome.LISTENER_FAILED) ? delivery.listenerFailure : null);
				outcome.complete(answer);
			});
		});
		return outcome;
	}

	private CompletableFuture<WebhookOutcome> publish(Delivery delivery, Executor listenerExecutor) {
		if (!delivery.isToPublish()) {
			return delivery.outcome();
		}
		CompletableFuture<WebhookOutcome> outcome = new CompletableFuture<>();
		try {
			listenerExecutor.execute(() -> {
				WebhookOutcome published = WebhookOutcome.LISTENER_FAILED;
				try {
					published = publish(delivery);
				}
				finally {
					outcome.complete(published);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			forget(delivery);
			logger.warn("No thread was free to publish a SendPulse " + delivery.typeForLog()
					+ " event; answering 503 so that SendPulse delivers it again");
			outcome.complete(WebhookOutcome.IN_PROGRESS);
		}
		return outcome;
	}

	/**
	 * Check a delivery and claim it if it is new, without publishing it yet, waiting for
	 * the store.
	 */
	Delivery receive(byte[] body, @Nullable String signature) {
		return receiveAsync(body, signature).join();
	}

	/**
	 * Check a delivery on the calling thread and claim it if it is new, without
	 * publishing it yet; completes when the store answered.
	 */
	CompletableFuture<Delivery> receiveAsync(byte[] body, @Nullable String signature) {
		if (body.length > this.maxPayloadSize) {
			return CompletableFuture.completedFuture(Delivery.answered(WebhookOutcome.TOO_LARGE));
		}
		SendPulseEvent event;
		try {
			event = this.verifier.verify(body, signature);
		}
		catch (WebhookVerificationException ex) {
			return CompletableFuture.completedFuture(rejected(ex, body));
		}
		Fingerprint fingerprint = Fingerprint.of(body);
		Instant now = this.clock.instant();
		// Remembered while the body could still pass the timestamp check, and no longer.
		Instant expiry = event.timestamp().plus(this.verifier.getTolerance());
		return this.deliveryStore.claim(this.namespace.obtain(), fingerprint, now, expiry)
			.thenApply((claim) -> claimed(event, claim));
	}

	private Delivery claimed(SendPulseEvent event, Claim claim) {
		if (claim.isOwned()) {
			return new Delivery(event, claim);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Acknowledging a redelivered SendPulse " + Delivery.typeForLog(event)
					+ " event without publishing it");
		}
		// A store that cannot tell how the first ends: 503, so that SendPulse asks again.
		return Delivery.answered(event,
				claim.first()
					.handle((published, ex) -> (ex != null) ? WebhookOutcome.IN_PROGRESS
							: published ? WebhookOutcome.DUPLICATE : WebhookOutcome.LISTENER_FAILED)
					.completeOnTimeout(WebhookOutcome.IN_PROGRESS, this.copyWait.toMillis(), TimeUnit.MILLISECONDS));
	}

	private Delivery rejected(WebhookVerificationException ex, byte[] body) {
		switch (ex.getReason()) {
			case INVALID_SIGNATURE -> {
				if (logger.isDebugEnabled()) {
					logger.debug("Rejected a SendPulse webhook delivery: " + ex.getMessage());
				}
				return Delivery.answered(WebhookOutcome.INVALID_SIGNATURE);
			}
			case MALFORMED -> {
				if (logger.isDebugEnabled()) {
					logger.debug("Rejected a SendPulse webhook delivery: " + ex.getMessage());
				}
				return Delivery.answered(WebhookOutcome.MALFORMED);
			}
			default -> {
				// Signed by SendPulse but too late (or early): an event lost unless
				// someone sees it, so at WARN. Read again only on this rare path.
				SendPulseEvent event = WebhookEventReader.read(body);
				Duration age = Duration.between(event.timestamp(), this.clock.instant());
				logger.warn("Refused a signed SendPulse " + Delivery.typeForLog(event) + " event "
						+ (age.isNegative() ? "dated " + age.negated().toSeconds() + " s ahead"
								: age.toSeconds() + " s old")
						+ ", beyond the tolerance of " + this.verifier.getTolerance().toSeconds()
						+ " s (sendpulse.webhook.tolerance): it is not published");
				// Signed, so its type tells the family, as for a published one.
				return Delivery.answered(event, CompletableFuture.completedFuture(WebhookOutcome.OUTSIDE_TOLERANCE));
			}
		}
	}

	/**
	 * Publish a delivery's event to the application's listeners, on the calling thread.
	 * When a listener throws, the delivery is forgotten, so that SendPulse's redelivery
	 * is published.
	 */
	WebhookOutcome publish(Delivery delivery) {
		SendPulseEvent event = delivery.event;
		Assert.state(event != null, "delivery is not to publish");
		boolean published = false;
		try {
			this.publisher.publishEvent(event);
			published = true;
			return WebhookOutcome.PUBLISHED;
		}
		catch (RuntimeException ex) {
			delivery.listenerFailure = ex;
			logger.error("A listener failed on SendPulse " + delivery.typeForLog() + " event; answering 500 so that "
					+ "SendPulse delivers it again", ex);
			return WebhookOutcome.LISTENER_FAILED;
		}
		catch (Error ex) {
			// Observed as the listener's failure too, and left to go on as an Error.
			delivery.listenerFailure = ex;
			throw ex;
		}
		finally {
			if (!published) {
				forget(delivery);
			}
			else {
				delivery.claim().published();
			}
		}
	}

	private void forget(Delivery delivery) {
		delivery.claim().failed();
	}

	int rememberedDeliveries() {
		return ((InMemoryDeliveryStore) this.deliveryStore).size();
	}

	/**
	 * A checked delivery: either new, claimed and to publish, or answered by its
	 * {@link #outcome()}.
	 */
	static final class Delivery {

		private final CompletableFuture<WebhookOutcome> outcome;

		private final @Nullable SendPulseEvent event;

		private final @Nullable Claim claim;

		private final String eventFamily;

		// Written by the listener's thread before the publication's outcome completes,
		// read after it.
		private volatile @Nullable Throwable listenerFailure;

		private Delivery(SendPulseEvent event, Claim claim) {
			this.outcome = CompletableFuture.completedFuture(WebhookOutcome.PUBLISHED);
			this.event = event;
			this.claim = claim;
			this.eventFamily = family(event);
		}

		private Delivery(@Nullable SendPulseEvent copyOf, CompletableFuture<WebhookOutcome> outcome) {
			this.outcome = outcome;
			this.event = null;
			this.claim = null;
			this.eventFamily = (copyOf != null) ? family(copyOf) : "none";
		}

		static Delivery answered(WebhookOutcome outcome) {
			return new Delivery(null, CompletableFuture.completedFuture(outcome));
		}

		static Delivery answered(SendPulseEvent copyOf, CompletableFuture<WebhookOutcome> outcome) {
			return new Delivery(copyOf, outcome);
		}

		// Low-cardinality: a tag never takes a value from the body.
		private static String family(SendPulseEvent event) {
			String type = event.type();
			for (String family : new String[] { "sms", "call", "verify" }) {
				if (type.startsWith(family + ".")) {
					return family;
				}
			}
			return "other";
		}

		boolean isToPublish() {
			return this.event != null;
		}

		/**
		 * The outcome of a delivery that is not to be published: a rejection or a
		 * duplicate at once, or, for a copy of a delivery still being published, what
		 * that one's publication ends in, or {@link WebhookOutcome#IN_PROGRESS} when the
		 * wait for it runs out.
		 */
		CompletableFuture<WebhookOutcome> outcome() {
			return this.outcome.copy();
		}

		private Claim claim() {
			Assert.state(this.claim != null, "delivery is not to publish");
			return this.claim;
		}

		private String typeForLog() {
			return (this.event != null) ? typeForLog(this.event) : "webhook";
		}

		// The type comes from the body: only its harmless characters reach a log line.
		static String typeForLog(SendPulseEvent event) {
			String type = event.type();
			String safe = type.replaceAll("[^A-Za-z0-9._-]", "?");
			return (safe.length() > 40) ? safe.substring(0, 40) + "…" : safe;
		}

	}

}
