package io.sendpulse.spring.test.internal;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.sendpulse.spring.webhook.WebhookSigner;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts signed webhooks as SendPulse does: to the message's {@code callback_url}, else to
 * the configured target, and only to loopback ({@link LoopbackTargets}), so that a
 * sandbox left on in an application can never hand signed events to another machine. A
 * webhook the application refuses (non-2xx, or no answer) is posted again with
 * exponential backoff on the sandbox clock. The events of one message, call or
 * verification are delivered in order, one at a time, so that a {@code delivered} never
 * overtakes its {@code sent}.
 * <p>
 * Body timestamps are wall-clock time, not sandbox time, so that the application's
 * timestamp tolerance accepts them however far a test advanced the sandbox clock.
 */
final class WebhookDispatcher {

	private static final Log logger = LogFactory.getLog(WebhookDispatcher.class);

	private static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(10);

	private final WireJson json;

	private final SandboxScheduler scheduler;

	private final Supplier<@Nullable String> secret;

	private final Function<@Nullable String, @Nullable URI> defaultTarget;

	private final Accounts accounts;

	private final int maxAttempts;

	private final Duration backoff;

	private final ConnectionProvider connections = ConnectionProvider.create("sendpulse-sandbox-webhooks", 50);

	private final HttpClient http = HttpClient.create(this.connections).responseTimeout(RESPONSE_TIMEOUT);

	private final Map<String, ArrayDeque<Delivery>> queues = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<Delivery> deliveries = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean warnedNoSecret = new AtomicBoolean();

	private final AtomicBoolean warnedNoTarget = new AtomicBoolean();

	private final Set<String> refusedTargets = ConcurrentHashMap.newKeySet();

	/** Posts sent and not yet answered; guarded by itself, which is notified at zero. */
	private final Object posting = new Object();

	private int unanswered;

	WebhookDispatcher(WireJson json, SandboxScheduler scheduler, Supplier<@Nullable String> secret,
			Function<@Nullable String, @Nullable URI> defaultTarget, Accounts accounts, int maxAttempts,
			Duration backoff) {
		this.json = json;
		this.scheduler = scheduler;
		this.secret = secret;
		this.defaultTarget = defaultTarget;
		this.accounts = accounts;
		this.maxAttempts = Math.max(1, maxAttempts);
		this.backoff = backoff;
	}

	/**
	 * Post an event about a resource of an account: signed with the account's own secret
	 * when it has one, as SendPulse signs each account's webhooks with that account's
	 * secret, and, without a {@code callback_url}, posted where the account's webhooks
	 * go.
	 * @param resourceId the message, call or verification the event is about; orders
	 * delivery
	 * @param callbackUrl the resource's own webhook URL, if it has one
	 * @param event the event's fields, without {@code timestamp}, which is added last
	 * @param accountId the account the resource belongs to, or {@code null} for none
	 */
	void publish(String resourceId, @Nullable URI callbackUrl, ObjectNode event, @Nullable String accountId) {
		String accountSecret = (accountId != null) ? this.accounts.webhookSecret(accountId) : null;
		String secret = (accountSecret != null) ? accountSecret : this.secret.get();
		if (secret == null || secret.isEmpty()) {
			if (this.warnedNoSecret.compareAndSet(false, true)) {
				logger.warn("The SendPulse sandbox posts no webhooks: it has no secret to sign them with "
						+ "(sendpulse.sandbox.webhook-secret; under @AutoConfigureSendPulseSandbox, "
						+ "sendpulse.webhook.secret does)");
			}
			return;
		}
		event.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
		byte[] body = this.json.bytes(event);
		URI target = (callbackUrl != null) ? callbackUrl
				: this.defaultTarget.apply((accountId != null) ? this.accounts.apiKey(accountId) : null);
		Delivery delivery = new Delivery(resourceId, event.path("event").asString(), target, body,
				new WebhookSigner(secret).sign(body));
		this.deliveries.add(delivery);
		if (target != null && !LoopbackTargets.isLoopback(target)) {
			// Listed, never posted: webhooks() shows what was refused.
			refused(target, delivery.event);
			return;
		}
		if (target == null) {
			if (this.warnedNoTarget.compareAndSet(false, true)) {
				logger.info("The SendPulse sandbox has nowhere to post webhooks: no callback_url, no "
						+ "sendpulse.sandbox.webhook-url, and no @SendPulseWebhook endpoint on a known port");
			}
			return;
		}
		boolean first;
		synchronized (this.queues) {
			ArrayDeque<Delivery> queue = this.queues.computeIfAbsent(resourceId, (id) -> new ArrayDeque<>());
			queue.add(delivery);
			first = queue.size() == 1;
		}
		if (first) {
			post(delivery);
		}
	}

	// Once per host, so that a loop of sends does not flood the log; never the query,
	// which may carry a token.
	private void refused(URI target, String event) {
		String where = LoopbackTargets.describe(target);
		if (this.refusedTargets.add(where)) {
			logger.warn("The SendPulse sandbox posts webhooks only to loopback addresses (localhost, 127.0.0.0/8, "
					+ "::1): it refused to post " + event + " to " + where + " and will refuse every webhook to it");
		}
	}

	List<DeliveryView> deliveries() {
		List<DeliveryView> snapshot = new ArrayList<>();
		for (Delivery delivery : this.deliveries) {
			snapshot.add(delivery.snapshot());
		}
		return snapshot;
	}

	void clear() {
		synchronized (this.queues) {
			this.queues.clear();
		}
		this.deliveries.clear();
	}

	/**
	 * Wait until no webhook is being posted: every post answered (or failed), and those
	 * queued behind them too; a retry after a refusal waits for the sandbox clock, not
	 * for this. Returns at once on a thread that must not block (an event loop, where the
	 * answers themselves may be handled).
	 * @param timeout the longest wait
	 * @return {@code false} if posts were still unanswered when the wait timed out
	 */
	boolean awaitAnswers(Duration timeout) {
		if (Schedulers.isInNonBlockingThread()) {
			return true;
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.posting) {
			while (this.unanswered > 0) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return false;
				}
				try {
					this.posting.wait(Math.max(left / 1_000_000, 1));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return true;
				}
			}
			return true;
		}
	}

	void stop() {
		this.connections.disposeLater().block(Duration.ofSeconds(5));
	}

	private void post(Delivery delivery) {
		URI target = delivery.target;
		if (target == null) {
			return;
		}
		delivery.attempts++;
		synchronized (this.posting) {
			this.unanswered++;
		}
		try {
			send(delivery, target);
		}
		catch (RuntimeException ex) {
			answered();
			throw ex;
		}
	}

	private void send(Delivery delivery, URI target) {
		this.http
			.headers((headers) -> headers.set(HttpHeaderNames.CONTENT_TYPE, "application/json")
				.set(WireHeaders.SIGNATURE, delivery.signature)
				.set(HttpHeaderNames.USER_AGENT, "SendPulse-Sandbox"))
			.post()
			.uri(target)
			.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(delivery.body)))
			.responseSingle((response, content) -> content.asByteArray().then(Mono.just(response.status().code())))
			.onErrorResume((ex) -> {
				if (logger.isDebugEnabled()) {
					logger.debug(
							"Webhook " + delivery.event + " to " + LoopbackTargets.describe(target) + " failed: " + ex);
				}
				return Mono.just(0);
			})
			.subscribe((status) -> {
				try {
					// Posts the resource's next event, counted before this one's
					// answer is.
					answered(delivery, status);
				}
				finally {
					answered();
				}
			});
	}

	private void answered() {
		synchronized (this.posting) {
			if (--this.unanswered == 0) {
				this.posting.notifyAll();
			}
		}
	}

	private void answered(Delivery delivery, int status) {
		if (status >= 200 && status < 300) {
			delivery.status = status;
			delivery.delivered = true;
			next(delivery);
		}
		else if (delivery.attempts < this.maxAttempts) {
			Duration wait = this.backoff.multipliedBy(1L << Math.min(delivery.attempts - 1, 20));
			if (logger.isDebugEnabled()) {
				logger.debug("Webhook " + delivery.event + " answered " + status + "; posting it again in " + wait);
			}
			this.scheduler.schedule(this.scheduler.now().plus(wait), (due) -> post(delivery));
			// Set last, so that whoever sees the answer also sees the retry scheduled.
			delivery.status = status;
		}
		else {
			delivery.status = status;
			logger.warn("The SendPulse sandbox gave up on webhook " + delivery.event + " to "
					+ LoopbackTargets.describe(delivery.target) + " after " + delivery.attempts
					+ " attempts (last answer: " + status + ")");
			next(delivery);
		}
	}

	private void next(Delivery done) {
		Delivery next;
		synchronized (this.queues) {
			ArrayDeque<Delivery> queue = this.queues.get(done.resourceId);
			if (queue == null || queue.peek() != done) {
				return;
			}
			queue.poll();
			next = queue.peek();
			if (next == null) {
				this.queues.remove(done.resourceId);
			}
		}
		if (next != null) {
			post(next);
		}
	}

	private static final class Delivery {

		private final String resourceId;

		private final String event;

		private final @Nullable URI target;

		private final byte[] body;

		private final String signature;

		private volatile int attempts;

		private volatile int status;

		private volatile boolean delivered;

		Delivery(String resourceId, String event, @Nullable URI target, byte[] body, String signature) {
			this.resourceId = resourceId;
			this.event = event;
			this.target = target;
			this.body = body;
			this.signature = signature;
		}

		DeliveryView snapshot() {
			return new DeliveryView(this.event, this.target, new String(this.body, StandardCharsets.UTF_8),
					this.attempts, this.status, this.delivered);
		}

	}

}
