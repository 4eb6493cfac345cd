package io.sendpulse.spring.test.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/sms/send} and {@code GET /v1/sms/{message_id}}: validates and charges a
 * message, then moves it {@code queued} (or {@code scheduled}, then {@code queued} when
 * it falls due), {@code sent}, {@code delivered} one step at a time on the sandbox clock,
 * posting {@code sms.*} webhooks. A number can be scripted to end {@code undelivered} or
 * {@code failed}.
 */
final class SmsSimulation {

	static final String QUEUED = "queued";

	static final String SCHEDULED = "scheduled";

	static final String SENT = "sent";

	static final String DELIVERED = "delivered";

	static final String UNDELIVERED = "undelivered";

	static final String FAILED = "failed";

	private static final int MAX_TEXT = 1600;

	private final WireJson json;

	private final SandboxScheduler scheduler;

	private final WebhookDispatcher webhooks;

	private final BigDecimal segmentPrice;

	private final Duration stepDelay;

	private final Map<String, Message> messages = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<Message> order = new ConcurrentLinkedQueue<>();

	private final Map<String, String> outcomes = new ConcurrentHashMap<>();

	SmsSimulation(WireJson json, SandboxScheduler scheduler, WebhookDispatcher webhooks, BigDecimal segmentPrice,
			Duration stepDelay) {
		this.json = json;
		this.scheduler = scheduler;
		this.webhooks = webhooks;
		this.segmentPrice = segmentPrice;
		this.stepDelay = stepDelay;
	}

	Reply send(Account account, RequestFields request) {
		String to = request.e164("to");
		String from = request.sender("from");
		String text = request.text("text", MAX_TEXT);
		URI callbackUrl = request.httpUrl("callback_url");
		Instant scheduledAt = request.instant("scheduled_at");
		Instant now = this.scheduler.now();
		if (scheduledAt != null && !scheduledAt.isAfter(now)) {
			throw ApiProblem.invalid("scheduled_at", "scheduled_at must be in the future");
		}
		int segments = Segments.count(text);
		BigDecimal cost = this.segmentPrice.multiply(BigDecimal.valueOf(segments));
		account.balance().charge(cost);
		Message message = new Message(Ids.next("msg_"), account.id(), to, from, text, segments, cost, callbackUrl,
				scheduledAt, now, this.outcomes.getOrDefault(to, DELIVERED));
		if (scheduledAt != null) {
			message.status = SCHEDULED;
		}
		this.messages.put(message.id, message);
		this.order.add(message);
		// The answer says queued (or scheduled), as the contract's does, whatever the
		// steps scheduled next have done by the time it is written.
		Reply reply = this.json.ok(json(message, false));
		if (scheduledAt != null) {
			this.scheduler.schedule(scheduledAt, (due) -> {
				message.status = QUEUED;
				event(message);
				this.scheduler.schedule(due.plus(this.stepDelay), (sent) -> sent(message, sent));
			});
		}
		else {
			this.scheduler.schedule(now.plus(this.stepDelay), (sent) -> sent(message, sent));
		}
		return reply;
	}

	// An account sees its own messages only, as with the API.
	Reply status(Account account, String id) {
		Message message = this.messages.get(id);
		if (message == null || !message.account.equals(account.id())) {
			throw ApiProblem.notFound("message_id", "No message with id '" + id + "'");
		}
		return this.json.ok(json(message, true));
	}

	private void sent(Message message, Instant due) {
		if (FAILED.equals(message.outcome)) {
			message.status = FAILED;
			event(message);
			return;
		}
		message.status = SENT;
		event(message);
		this.scheduler.schedule(due.plus(this.stepDelay), (done) -> {
			if (UNDELIVERED.equals(message.outcome)) {
				message.status = UNDELIVERED;
			}
			else {
				message.deliveredAt = done;
				message.status = DELIVERED;
			}
			event(message);
		});
	}

	private void event(Message message) {
		ObjectNode event = this.json.object();
		event.put("event", "sms." + message.status);
		event.put("message_id", message.id);
		event.put("to", message.to);
		event.put("status", message.status);
		this.webhooks.publish(message.id, message.callbackUrl, event, message.account);
	}

	private ObjectNode json(Message message, boolean withDeliveredAt) {
		ObjectNode node = this.json.object();
		node.put("id", message.id);
		node.put("to", message.to);
		node.put("status", message.status);
		Instant deliveredAt = message.deliveredAt;
		if (withDeliveredAt && deliveredAt != null) {
			node.put("delivered_at", deliveredAt.toString());
		}
		node.put("segments", message.segments);
		node.put("cost", message.cost);
		return node;
	}

	List<MessageView> messages() {
		List<MessageView> snapshot = new ArrayList<>();
		for (Message message : this.order) {
			snapshot.add(message.view());
		}
		return snapshot;
	}

	List<MessageView> messages(String accountId) {
		List<MessageView> snapshot = new ArrayList<>();
		for (Message message : this.order) {
			if (message.account.equals(accountId)) {
				snapshot.add(message.view());
			}
		}
		return snapshot;
	}

	@Nullable MessageView message(String id) {
		Message message = this.messages.get(id);
		return (message != null) ? message.view() : null;
	}

	void script(String to, String outcome) {
		if (!DELIVERED.equals(outcome) && !UNDELIVERED.equals(outcome) && !FAILED.equals(outcome)) {
			throw new IllegalArgumentException("An SMS can be scripted to end delivered, undelivered or failed");
		}
		this.outcomes.put(to, outcome);
	}

	void reset() {
		this.messages.clear();
		this.order.clear();
		this.outcomes.clear();
	}

	private static final class Message {

		final String id;

		final String account;

		final String to;

		final String from;

		final String text;

		final int segments;

		final BigDecimal cost;

		final @Nullable URI callbackUrl;

		final @Nullable Instant scheduledAt;

		final Instant acceptedAt;

		final String outcome;

		volatile String status = QUEUED;

		volatile @Nullable Instant deliveredAt;

		Message(String id, String account, String to, String from, String text, int segments, BigDecimal cost,
				@Nullable URI callbackUrl, @Nullable Instant scheduledAt, Instant acceptedAt, String outcome) {
			this.id = id;
			this.account = account;
			this.to = to;
			this.from = from;
			this.text = text;
			this.segments = segments;
			this.cost = cost;
			this.callbackUrl = callbackUrl;
			this.scheduledAt = scheduledAt;
			this.acceptedAt = acceptedAt;
			this.outcome = outcome;
		}

		MessageView view() {
			return new MessageView(this.id, this.to, this.from, this.text, this.status, this.segments, this.cost,
					this.callbackUrl, this.scheduledAt, this.acceptedAt, this.deliveredAt);
		}

	}

}
