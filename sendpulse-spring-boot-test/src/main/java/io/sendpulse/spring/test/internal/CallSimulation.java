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
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/voice/call}: validates the call flow and charges one segment price,
 * then rings, answers and plays the flow on the sandbox clock, posting {@code call.*}
 * webhooks: a {@code call.gather} for each {@code gather} the callee was scripted to
 * answer, a {@code call.recording} for each {@code record} (its URL served by
 * {@link #recording(String)}), and {@code call.completed} with the duration. A number can
 * be scripted to end {@code busy}, {@code no_answer} or {@code failed}.
 */
final class CallSimulation {

	static final String QUEUED = "queued";

	static final String RINGING = "ringing";

	static final String IN_PROGRESS = "in_progress";

	static final String COMPLETED = "completed";

	static final String BUSY = "busy";

	static final String NO_ANSWER = "no_answer";

	static final String FAILED = "failed";

	static final String RECORDINGS_PREFIX = "/recordings/";

	private static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration RECORDING_LENGTH = Duration.ofSeconds(5);

	private final WireJson json;

	private final SandboxScheduler scheduler;

	private final WebhookDispatcher webhooks;

	private final BigDecimal price;

	private final Duration stepDelay;

	private final Supplier<URI> baseUrl;

	private final Map<String, PlacedCall> calls = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<PlacedCall> order = new ConcurrentLinkedQueue<>();

	private final Map<String, String> outcomes = new ConcurrentHashMap<>();

	private final Map<String, List<String>> digits = new ConcurrentHashMap<>();

	CallSimulation(WireJson json, SandboxScheduler scheduler, WebhookDispatcher webhooks, BigDecimal price,
			Duration stepDelay, Supplier<URI> baseUrl) {
		this.json = json;
		this.scheduler = scheduler;
		this.webhooks = webhooks;
		this.price = price;
		this.stepDelay = stepDelay;
		this.baseUrl = baseUrl;
	}

	Reply place(Account account, RequestFields request) {
		String to = request.e164("to");
		String from = request.callerId("from");
		List<CallAction> actions = actions(request);
		Integer timeout = request.range("timeout", 1, 600);
		account.balance().charge(this.price);
		Instant now = this.scheduler.now();
		PlacedCall call = new PlacedCall(Ids.next("call_"), account.id(), to, from, actions,
				(timeout != null) ? Duration.ofSeconds(timeout) : DEFAULT_RING_TIMEOUT, now,
				this.outcomes.getOrDefault(to, COMPLETED), this.digits.getOrDefault(to, List.of()));
		this.calls.put(call.id, call);
		this.order.add(call);
		// Written before the next step is scheduled: the answer says queued, as the
		// contract's does, however soon the call rings.
		ObjectNode node = this.json.object();
		node.put("id", call.id);
		node.put("to", call.to);
		node.put("status", call.status);
		Reply reply = this.json.ok(node);
		this.scheduler.schedule(now.plus(this.stepDelay), (due) -> ringing(call, due));
		return reply;
	}

	// GET /recordings/{id}.wav: a short silent recording, so that recording URLs
	// resolve.
	Reply recording(String name) {
		if (!name.matches("rec_[0-9a-f]{16}\\.wav")) {
			throw ApiProblem.notFound("recording", "No such recording");
		}
		return new Reply(200, null, false, SilentWav.BYTES, "audio/wav");
	}

	private void ringing(PlacedCall call, Instant due) {
		if (FAILED.equals(call.outcome)) {
			status(call, FAILED);
			return;
		}
		status(call, RINGING);
		this.scheduler.schedule(due.plus(this.stepDelay), (answered) -> {
			if (BUSY.equals(call.outcome) || NO_ANSWER.equals(call.outcome)) {
				status(call, call.outcome);
				return;
			}
			status(call, IN_PROGRESS);
			Instant at = answered;
			int gathers = 0;
			for (CallAction action : call.actions) {
				if (action instanceof CallAction.Gather && gathers < call.digits.size()) {
					String digits = call.digits.get(gathers++);
					at = at.plus(this.stepDelay);
					this.scheduler.schedule(at, (gathered) -> gather(call, digits));
				}
				else if (action instanceof CallAction.Record) {
					at = at.plus(this.stepDelay);
					this.scheduler.schedule(at, (recorded) -> recording(call));
				}
			}
			this.scheduler.schedule(at.plus(this.stepDelay), (ended) -> {
				long millis = Duration.between(answered, ended).toMillis();
				call.duration = Duration.ofSeconds(Math.max(1, (millis + 999) / 1000));
				status(call, COMPLETED);
			});
		});
	}

	private void status(PlacedCall call, String status) {
		call.status = status;
		ObjectNode event = this.json.object();
		event.put("event", "call." + status);
		event.put("call_id", call.id);
		event.put("to", call.to);
		event.put("status", status);
		Duration duration = call.duration;
		if (COMPLETED.equals(status) && duration != null) {
			event.put("duration", duration.toSeconds());
		}
		this.webhooks.publish(call.id, null, event, call.account);
	}

	private void gather(PlacedCall call, String digits) {
		ObjectNode event = this.json.object();
		event.put("event", "call.gather");
		event.put("call_id", call.id);
		event.put("digits", digits);
		this.webhooks.publish(call.id, null, event, call.account);
	}

	private void recording(PlacedCall call) {
		ObjectNode event = this.json.object();
		event.put("event", "call.recording");
		event.put("call_id", call.id);
		event.put("recording_url",
				this.baseUrl.get().resolve(RECORDINGS_PREFIX + Ids.next("rec_") + ".wav").toString());
		event.put("duration", RECORDING_LENGTH.toSeconds());
		this.webhooks.publish(call.id, null, event, call.account);
	}

	private static List<CallAction> actions(RequestFields request) {
		JsonNode actions = request.node("actions");
		if (actions == null) {
			throw ApiProblem.invalid("actions", "actions is required");
		}
		if (!actions.isArray() || actions.size() < 1 || actions.size() > 100) {
			throw ApiProblem.invalid("actions", "actions must be an array of 1 to 100 actions");
		}
		List<CallAction> parsed = new ArrayList<>(actions.size());
		for (int i = 0; i < actions.size(); i++) {
			parsed.add(action(actions.get(i), "actions[" + i + "].", false));
		}
		return List.copyOf(parsed);
	}

	private static CallAction action(JsonNode node, String prefix, boolean prompt) {
		if (!node.isObject()) {
			throw ApiProblem.invalid(prefix.substring(0, prefix.length() - 1), "each action must be an object");
		}
		RequestFields action = new RequestFields(node, prefix);
		String type = action.requiredString("type");
		return switch (type) {
			case "say" -> new CallAction.Say(action.text("text", 4096), action.optionalString("voice"),
					action.optionalString("language"), action.range("loop", 1, 100));
			case "play" -> {
				URI url = action.httpUrl("url");
				if (url == null) {
					throw ApiProblem.invalid(action.name("url"), action.name("url") + " is required");
				}
				yield new CallAction.Play(url, action.range("loop", 1, 100));
			}
			case "gather" -> {
				if (prompt) {
					throw ApiProblem.invalid(action.name("type"), "a prompt must be a say or a play action");
				}
				Integer numDigits = action.range("num_digits", 1, 32);
				Integer timeout = action.range("timeout", 1, 600);
				String finishOnKey = action.key("finish_on_key");
				JsonNode promptNode = action.node("prompt");
				CallAction promptAction = (promptNode != null) ? action(promptNode, prefix + "prompt.", true) : null;
				yield new CallAction.Gather(numDigits, timeout, finishOnKey, promptAction);
			}
			case "record" -> {
				if (prompt) {
					throw ApiProblem.invalid(action.name("type"), "a prompt must be a say or a play action");
				}
				yield new CallAction.Record(action.range("max_length", 1, 14_400), action.bool("play_beep"),
						action.key("finish_on_key"));
			}
			default -> throw ApiProblem.invalid(action.name("type"),
					action.name("type") + " must be say, play, gather or record");
		};
	}

	List<CallView> calls() {
		List<CallView> snapshot = new ArrayList<>();
		for (PlacedCall call : this.order) {
			snapshot.add(call.view());
		}
		return snapshot;
	}

	void script(String to, String outcome) {
		if (!COMPLETED.equals(outcome) && !BUSY.equals(outcome) && !NO_ANSWER.equals(outcome)
				&& !FAILED.equals(outcome)) {
			throw new IllegalArgumentException("A call can be scripted to end completed, busy, no_answer or failed");
		}
		this.outcomes.put(to, outcome);
	}

	void scriptDigits(String to, List<String> digits) {
		this.digits.put(to, List.copyOf(digits));
	}

	void reset() {
		this.calls.clear();
		this.order.clear();
		this.outcomes.clear();
		this.digits.clear();
	}

	private static final class PlacedCall {

		final String id;

		final String account;

		final String to;

		final String from;

		final List<CallAction> actions;

		final Duration timeout;

		final Instant placedAt;

		final String outcome;

		final List<String> digits;

		volatile String status = QUEUED;

		volatile @Nullable Duration duration;

		PlacedCall(String id, String account, String to, String from, List<CallAction> actions, Duration timeout,
				Instant placedAt, String outcome, List<String> digits) {
			this.id = id;
			this.account = account;
			this.to = to;
			this.from = from;
			this.actions = actions;
			this.timeout = timeout;
			this.placedAt = placedAt;
			this.outcome = outcome;
			this.digits = digits;
		}

		CallView view() {
			return new CallView(this.id, this.to, this.from, this.actions, this.timeout, this.status, this.placedAt,
					this.duration);
		}

	}

}
