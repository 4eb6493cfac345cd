package io.sendpulse.spring.test;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.sendpulse.spring.sms.SmsStatus;
import io.sendpulse.spring.verify.Channel;
import io.sendpulse.spring.verify.VerificationStatus;
import io.sendpulse.spring.voice.CallStatus;
import io.sendpulse.spring.voice.VoiceAction;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API the sandbox serves (contract section 1), independent of HTTP: one call in, one
 * {@link Reply} out. Holds the sandbox's state (messages, calls, verifications, balance,
 * stored idempotent responses) in concurrent maps; the request path takes no global lock.
 */
final class SandboxApi {

	private static final Log logger = LogFactory.getLog(SandboxApi.class);

	private static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

	private static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(30);

	private static final Duration RECORDING_LENGTH = Duration.ofSeconds(5);

	private static final String SMS_PREFIX = "/v1/sms/";

	private static final String RECORDINGS_PREFIX = "/recordings/";

	private final JsonMapper json;

	private final SandboxScheduler scheduler;

	private final WebhookDispatcher webhooks;

	private final String apiKey;

	private final String bearer;

	private final RateWindow rate;

	private final BigDecimal initialBalance;

	private final BigDecimal segmentPrice;

	private final Duration stepDelay;

	private final int verificationAttempts;

	private final AtomicReference<BigDecimal> balance;

	private final Map<String, Stored> idempotency = new ConcurrentHashMap<>();

	private final Map<String, SmsState> messages = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<SmsState> messageOrder = new ConcurrentLinkedQueue<>();

	private final Map<String, CallState> calls = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<CallState> callOrder = new ConcurrentLinkedQueue<>();

	private final Map<String, VerificationState> verifications = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<VerificationState> verificationOrder = new ConcurrentLinkedQueue<>();

	private final Map<String, VerificationState> latestVerification = new ConcurrentHashMap<>();

	private final Map<String, SmsStatus> smsScripts = new ConcurrentHashMap<>();

	private final Map<String, CallStatus> callScripts = new ConcurrentHashMap<>();

	private final Map<String, List<String>> digitScripts = new ConcurrentHashMap<>();

	private volatile URI baseUrl = URI.create("http://127.0.0.1");

	SandboxApi(JsonMapper json, SandboxScheduler scheduler, WebhookDispatcher webhooks, String apiKey, int rateLimit,
			BigDecimal balance, BigDecimal segmentPrice, Duration stepDelay, int verificationAttempts) {
		this.json = json;
		this.scheduler = scheduler;
		this.webhooks = webhooks;
		this.apiKey = apiKey;
		this.bearer = "Bearer " + apiKey;
		this.rate = new RateWindow(rateLimit);
		this.initialBalance = balance;
		this.balance = new AtomicReference<>(balance);
		this.segmentPrice = segmentPrice;
		this.stepDelay = stepDelay;
		this.verificationAttempts = verificationAttempts;
	}

	void baseUrl(URI baseUrl) {
		this.baseUrl = baseUrl;
	}

	Reply handle(String method, String path, @Nullable String authorization, @Nullable String idempotencyKey,
			byte[] body) {
		try {
			if ("GET".equals(method) && path.startsWith(RECORDINGS_PREFIX)) {
				return recording(path.substring(RECORDINGS_PREFIX.length()));
			}
			if (authorization == null || !constantTimeEquals(authorization, this.bearer)) {
				throw new ApiProblem(401, ApiProblem.UNAUTHORIZED,
						"Missing or invalid API key: send Authorization: Bearer <api key>", null);
			}
			if (!this.rate.tryAcquire()) {
				throw new ApiProblem(429, ApiProblem.RATE_LIMITED, "Too many requests: wait and retry", null);
			}
			if ("GET".equals(method) && path.startsWith(SMS_PREFIX) && path.indexOf('/', SMS_PREFIX.length()) < 0) {
				return smsStatus(path.substring(SMS_PREFIX.length()));
			}
			if ("POST".equals(method)) {
				return switch (path) {
					case "/v1/sms/send" -> idempotent(path, idempotencyKey, body, () -> sendSms(object(body)));
					case "/v1/voice/call" -> idempotent(path, idempotencyKey, body, () -> placeCall(object(body)));
					case "/v1/verify/start" ->
						idempotent(path, idempotencyKey, body, () -> startVerification(object(body)));
					case "/v1/verify/check" ->
						idempotent(path, idempotencyKey, body, () -> checkVerification(object(body)));
					default -> throw notFound(method, path);
				};
			}
			throw notFound(method, path);
		}
		catch (ApiProblem problem) {
			return error(problem);
		}
		catch (RuntimeException ex) {
			logger.error("The SendPulse sandbox failed to handle " + method + " " + path, ex);
			return error(new ApiProblem(500, ApiProblem.INTERNAL_ERROR, "Internal error", null));
		}
	}

	Reply error(ApiProblem problem) {
		ObjectNode error = this.json.createObjectNode();
		error.put("code", problem.code());
		error.put("message", problem.getMessage());
		if (problem.param() != null) {
			error.put("param", problem.param());
		}
		ObjectNode body = this.json.createObjectNode();
		body.set("error", error);
		return new Reply(problem.status(), (problem.status() == 429) ? "1" : null, false,
				this.json.writeValueAsBytes(body));
	}

	// POST /v1/sms/send

	private Reply sendSms(RequestFields request) {
		String to = request.e164("to");
		String from = request.sender("from");
		String text = request.text("text", 1600);
		URI callbackUrl = request.httpUrl("callback_url");
		Instant scheduledAt = request.instant("scheduled_at");
		Instant now = this.scheduler.now();
		if (scheduledAt != null && !scheduledAt.isAfter(now)) {
			throw ApiProblem.invalid("scheduled_at", "scheduled_at must be in the future");
		}
		int segments = Segments.count(text);
		BigDecimal cost = this.segmentPrice.multiply(BigDecimal.valueOf(segments));
		charge(cost);
		SmsState message = new SmsState(id("msg_"), to, from, text, segments, cost, callbackUrl, scheduledAt, now,
				this.smsScripts.getOrDefault(to, SmsStatus.DELIVERED));
		this.messages.put(message.id, message);
		this.messageOrder.add(message);
		if (scheduledAt != null) {
			message.status = SmsStatus.SCHEDULED;
			this.scheduler.schedule(scheduledAt, (due) -> {
				message.status = SmsStatus.QUEUED;
				smsEvent(message);
				this.scheduler.schedule(due.plus(this.stepDelay), (sent) -> smsSent(message, sent));
			});
		}
		else {
			this.scheduler.schedule(now.plus(this.stepDelay), (sent) -> smsSent(message, sent));
		}
		return ok(smsJson(message, false));
	}

	private void smsSent(SmsState message, Instant due) {
		if (message.outcome == SmsStatus.FAILED) {
			message.status = SmsStatus.FAILED;
			smsEvent(message);
			return;
		}
		message.status = SmsStatus.SENT;
		smsEvent(message);
		this.scheduler.schedule(due.plus(this.stepDelay), (done) -> {
			message.status = (message.outcome == SmsStatus.UNDELIVERED) ? SmsStatus.UNDELIVERED : SmsStatus.DELIVERED;
			if (message.status == SmsStatus.DELIVERED) {
				message.deliveredAt = done;
			}
			smsEvent(message);
		});
	}

	private void smsEvent(SmsState message) {
		ObjectNode event = this.json.createObjectNode();
		event.put("event", "sms." + message.status.value());
		event.put("message_id", message.id);
		event.put("to", message.to);
		event.put("status", message.status.value());
		this.webhooks.publish(message.id, message.callbackUrl, event);
	}

	// GET /v1/sms/{message_id}

	private Reply smsStatus(String id) {
		SmsState message = this.messages.get(id);
		if (message == null) {
			throw ApiProblem.notFound("message_id", "No message with id '" + id + "'");
		}
		return ok(smsJson(message, true));
	}

	private ObjectNode smsJson(SmsState message, boolean withDeliveredAt) {
		ObjectNode node = this.json.createObjectNode();
		node.put("id", message.id);
		node.put("to", message.to);
		node.put("status", message.status.value());
		Instant deliveredAt = message.deliveredAt;
		if (withDeliveredAt && deliveredAt != null) {
			node.put("delivered_at", deliveredAt.toString());
		}
		node.put("segments", message.segments);
		node.put("cost", message.cost);
		return node;
	}

	// POST /v1/voice/call

	private Reply placeCall(RequestFields request) {
		String to = request.e164("to");
		String from = request.sender("from");
		List<VoiceAction> actions = actions(request);
		Integer timeout = request.range("timeout", 1, 600);
		charge(this.segmentPrice);
		Instant now = this.scheduler.now();
		CallState call = new CallState(id("call_"), to, from, actions,
				(timeout != null) ? Duration.ofSeconds(timeout) : DEFAULT_RING_TIMEOUT, now,
				this.callScripts.getOrDefault(to, CallStatus.COMPLETED), this.digitScripts.getOrDefault(to, List.of()));
		this.calls.put(call.id, call);
		this.callOrder.add(call);
		this.scheduler.schedule(now.plus(this.stepDelay), (due) -> callRinging(call, due));
		ObjectNode node = this.json.createObjectNode();
		node.put("id", call.id);
		node.put("to", call.to);
		node.put("status", call.status.value());
		return ok(node);
	}

	private void callRinging(CallState call, Instant due) {
		if (call.outcome == CallStatus.FAILED) {
			callStatus(call, CallStatus.FAILED);
			return;
		}
		callStatus(call, CallStatus.RINGING);
		this.scheduler.schedule(due.plus(this.stepDelay), (answered) -> {
			if (call.outcome == CallStatus.BUSY || call.outcome == CallStatus.NO_ANSWER) {
				callStatus(call, call.outcome);
				return;
			}
			call.answeredAt = answered;
			callStatus(call, CallStatus.IN_PROGRESS);
			Instant at = answered;
			int gathers = 0;
			for (VoiceAction action : call.actions) {
				if (action instanceof VoiceAction.Gather && gathers < call.digits.size()) {
					String digits = call.digits.get(gathers++);
					at = at.plus(this.stepDelay);
					this.scheduler.schedule(at, (gathered) -> callGather(call, digits));
				}
				else if (action instanceof VoiceAction.Record) {
					at = at.plus(this.stepDelay);
					this.scheduler.schedule(at, (recorded) -> callRecording(call));
				}
			}
			this.scheduler.schedule(at.plus(this.stepDelay), (ended) -> {
				long millis = Duration.between(answered, ended).toMillis();
				call.duration = Duration.ofSeconds(Math.max(1, (millis + 999) / 1000));
				callStatus(call, CallStatus.COMPLETED);
			});
		});
	}

	private void callStatus(CallState call, CallStatus status) {
		call.status = status;
		ObjectNode event = this.json.createObjectNode();
		event.put("event", "call." + status.value());
		event.put("call_id", call.id);
		event.put("to", call.to);
		event.put("status", status.value());
		if (status == CallStatus.COMPLETED && call.duration != null) {
			event.put("duration", call.duration.toSeconds());
		}
		this.webhooks.publish(call.id, null, event);
	}

	private void callGather(CallState call, String digits) {
		ObjectNode event = this.json.createObjectNode();
		event.put("event", "call.gather");
		event.put("call_id", call.id);
		event.put("digits", digits);
		this.webhooks.publish(call.id, null, event);
	}

	private void callRecording(CallState call) {
		ObjectNode event = this.json.createObjectNode();
		event.put("event", "call.recording");
		event.put("call_id", call.id);
		event.put("recording_url", this.baseUrl.resolve(RECORDINGS_PREFIX + id("rec_") + ".wav").toString());
		event.put("duration", RECORDING_LENGTH.toSeconds());
		this.webhooks.publish(call.id, null, event);
	}

	private List<VoiceAction> actions(RequestFields request) {
		JsonNode actions = request.node("actions");
		if (actions == null) {
			throw ApiProblem.invalid("actions", "actions is required");
		}
		if (!actions.isArray() || actions.size() < 1 || actions.size() > 100) {
			throw ApiProblem.invalid("actions", "actions must be an array of 1 to 100 actions");
		}
		List<VoiceAction> parsed = new ArrayList<>(actions.size());
		for (int i = 0; i < actions.size(); i++) {
			parsed.add(action(actions.get(i), "actions[" + i + "].", false));
		}
		return List.copyOf(parsed);
	}

	private VoiceAction action(JsonNode node, String prefix, boolean prompt) {
		if (!node.isObject()) {
			throw ApiProblem.invalid(prefix.substring(0, prefix.length() - 1), "each action must be an object");
		}
		RequestFields action = new RequestFields(node, prefix);
		String type = action.requiredString("type");
		return switch (type) {
			case "say" -> new VoiceAction.Say(action.text("text", 4096), action.optionalString("voice"),
					action.optionalString("language"), action.range("loop", 1, 100));
			case "play" -> {
				URI url = action.httpUrl("url");
				if (url == null) {
					throw ApiProblem.invalid(action.name("url"), action.name("url") + " is required");
				}
				yield new VoiceAction.Play(url, action.range("loop", 1, 100));
			}
			case "gather" -> {
				if (prompt) {
					throw ApiProblem.invalid(action.name("type"), "a prompt must be a say or a play action");
				}
				Integer numDigits = action.range("num_digits", 1, 32);
				Integer timeout = action.range("timeout", 1, 600);
				String finishOnKey = action.key("finish_on_key");
				JsonNode promptNode = action.node("prompt");
				VoiceAction promptAction = (promptNode != null) ? action(promptNode, prefix + "prompt.", true) : null;
				yield new VoiceAction.Gather(numDigits, (timeout != null) ? Duration.ofSeconds(timeout) : null,
						finishOnKey, promptAction);
			}
			case "record" -> {
				if (prompt) {
					throw ApiProblem.invalid(action.name("type"), "a prompt must be a say or a play action");
				}
				Integer maxLength = action.range("max_length", 1, 14_400);
				yield new VoiceAction.Record((maxLength != null) ? Duration.ofSeconds(maxLength) : null,
						action.bool("play_beep"), action.key("finish_on_key"));
			}
			default -> throw ApiProblem.invalid(action.name("type"),
					action.name("type") + " must be say, play, gather or record");
		};
	}

	// POST /v1/verify/start

	private Reply startVerification(RequestFields request) {
		String to = request.e164("to");
		String channelName = request.optionalString("channel");
		Channel channel = (channelName != null) ? Channel.of(channelName) : Channel.SMS;
		if (channel == Channel.UNKNOWN) {
			throw ApiProblem.invalid("channel", "channel must be sms, voice or whatsapp");
		}
		Integer codeLength = request.range("code_length", 4, 8);
		Integer expiry = request.range("expiry", 1, Integer.MAX_VALUE);
		charge(this.segmentPrice);
		Instant now = this.scheduler.now();
		VerificationState verification = new VerificationState(id("vrf_"), to, channel,
				code((codeLength != null) ? codeLength : 6), now.plusSeconds((expiry != null) ? expiry : 300));
		this.verifications.put(verification.requestId, verification);
		this.verificationOrder.add(verification);
		this.latestVerification.put(to, verification);
		this.scheduler.schedule(verification.expiresAt, (due) -> {
			if (verification.settle(VerificationStatus.EXPIRED)) {
				verificationEvent(verification);
			}
		});
		ObjectNode node = this.json.createObjectNode();
		node.put("request_id", verification.requestId);
		node.put("to", verification.to);
		node.put("channel", verification.channel.value());
		node.put("status", VerificationStatus.PENDING.value());
		node.put("expires_at", verification.expiresAt.toString());
		return ok(node);
	}

	// POST /v1/verify/check

	private Reply checkVerification(RequestFields request) {
		String requestId = request.requiredString("request_id");
		String code = request.requiredString("code");
		if (!code.matches("[0-9]{4,8}")) {
			throw ApiProblem.invalid("code", "code must be 4 to 8 digits");
		}
		VerificationState verification = this.verifications.get(requestId);
		if (verification == null) {
			throw ApiProblem.notFound("request_id", "No verification with request_id '" + requestId + "'");
		}
		boolean valid = false;
		VerificationStatus settled = null;
		synchronized (verification) {
			if (verification.status == VerificationStatus.PENDING
					&& this.scheduler.now().isBefore(verification.expiresAt)) {
				if (verification.code.equals(code)) {
					valid = true;
					verification.status = VerificationStatus.APPROVED;
					settled = VerificationStatus.APPROVED;
				}
				else if (++verification.wrongAttempts >= this.verificationAttempts) {
					verification.status = VerificationStatus.FAILED;
					settled = VerificationStatus.FAILED;
				}
			}
		}
		if (settled != null) {
			verificationEvent(verification);
		}
		ObjectNode node = this.json.createObjectNode();
		node.put("valid", valid);
		node.put("request_id", requestId);
		return ok(node);
	}

	private void verificationEvent(VerificationState verification) {
		ObjectNode event = this.json.createObjectNode();
		event.put("event", "verify." + verification.status.value());
		event.put("request_id", verification.requestId);
		event.put("to", verification.to);
		event.put("status", verification.status.value());
		this.webhooks.publish(verification.requestId, null, event);
	}

	// GET /recordings/{id}.wav: a short silent recording, so that recording URLs resolve.

	private Reply recording(String name) {
		if (!name.matches("rec_[0-9a-f]{16}\\.wav")) {
			throw ApiProblem.notFound("recording", "No such recording");
		}
		return new Reply(200, null, false, SilentWav.BYTES, "audio/wav");
	}

	// Idempotency-Key: the first successful response is stored for 24 hours and replayed.

	private Reply idempotent(String path, @Nullable String key, byte[] body, Supplier<Reply> call) {
		if (key == null || key.isEmpty()) {
			return call.get();
		}
		int bodyHash = Arrays.hashCode(body);
		Instant now = this.scheduler.now();
		Reply[] reply = new Reply[1];
		// compute() makes a concurrent retry with the same key wait for the first, never
		// send twice.
		this.idempotency.compute(path + ' ' + key, (storeKey, stored) -> {
			if (stored != null && stored.expiresAt.isAfter(now)) {
				if (stored.bodyHash != bodyHash) {
					throw ApiProblem.invalid("Idempotency-Key",
							"This Idempotency-Key was already used with a different request body");
				}
				reply[0] = stored.reply.asReplay();
				return stored;
			}
			reply[0] = call.get();
			return (reply[0].status() == 200) ? new Stored(reply[0], bodyHash, now.plus(IDEMPOTENCY_WINDOW)) : null;
		});
		return reply[0];
	}

	void purgeIdempotency() {
		Instant now = this.scheduler.now();
		this.idempotency.values().removeIf((stored) -> !stored.expiresAt.isAfter(now));
	}

	// Balance

	private void charge(BigDecimal amount) {
		while (true) {
			BigDecimal current = this.balance.get();
			if (current.compareTo(amount) < 0) {
				throw new ApiProblem(402, ApiProblem.INSUFFICIENT_BALANCE,
						"Insufficient balance: " + current + " left, " + amount + " needed", null);
			}
			if (this.balance.compareAndSet(current, current.subtract(amount))) {
				return;
			}
		}
	}

	BigDecimal balance() {
		return this.balance.get();
	}

	void balance(BigDecimal balance) {
		this.balance.set(balance);
	}

	// Views and scripts for tests

	List<SentMessage> sentMessages() {
		List<SentMessage> snapshot = new ArrayList<>();
		for (SmsState message : this.messageOrder) {
			snapshot.add(message.snapshot());
		}
		return snapshot;
	}

	@Nullable SentMessage message(String id) {
		SmsState message = this.messages.get(id);
		return (message != null) ? message.snapshot() : null;
	}

	List<PlacedCall> calls() {
		List<PlacedCall> snapshot = new ArrayList<>();
		for (CallState call : this.callOrder) {
			snapshot.add(call.snapshot());
		}
		return snapshot;
	}

	List<SentVerification> verifications() {
		List<SentVerification> snapshot = new ArrayList<>();
		for (VerificationState verification : this.verificationOrder) {
			snapshot.add(verification.snapshot());
		}
		return snapshot;
	}

	@Nullable String verificationCode(String to) {
		VerificationState verification = this.latestVerification.get(to);
		return (verification != null) ? verification.code : null;
	}

	void scriptSms(String to, SmsStatus outcome) {
		this.smsScripts.put(to, outcome);
	}

	void scriptCall(String to, CallStatus outcome) {
		this.callScripts.put(to, outcome);
	}

	void scriptDigits(String to, List<String> digits) {
		this.digitScripts.put(to, List.copyOf(digits));
	}

	void reset() {
		this.idempotency.clear();
		this.messages.clear();
		this.messageOrder.clear();
		this.calls.clear();
		this.callOrder.clear();
		this.verifications.clear();
		this.verificationOrder.clear();
		this.latestVerification.clear();
		this.smsScripts.clear();
		this.callScripts.clear();
		this.digitScripts.clear();
		this.balance.set(this.initialBalance);
	}

	// Helpers

	private RequestFields object(byte[] body) {
		JsonNode node;
		try {
			node = this.json.readTree(body);
		}
		catch (JacksonException ex) {
			node = null;
		}
		if (node == null || !node.isObject()) {
			throw ApiProblem.invalid("body", "The request body must be a JSON object");
		}
		return new RequestFields(node, "");
	}

	private Reply ok(ObjectNode node) {
		return new Reply(200, null, false, this.json.writeValueAsBytes(node));
	}

	private static ApiProblem notFound(String method, String path) {
		return new ApiProblem(404, ApiProblem.NOT_FOUND, "No such endpoint: " + method + " " + path, null);
	}

	private static String id(String prefix) {
		return prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
	}

	private static String code(int length) {
		StringBuilder code = new StringBuilder(length);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < length; i++) {
			code.append((char) ('0' + random.nextInt(10)));
		}
		return code.toString();
	}

	private static boolean constantTimeEquals(String given, String expected) {
		return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
	}

	String apiKey() {
		return this.apiKey;
	}

	@Override
	public String toString() {
		return "SandboxApi[apiKey=(hidden), balance=" + this.balance.get() + "]";
	}

	/**
	 * One answer: status, optional {@code Retry-After}, whether it replays a stored
	 * answer, and the body.
	 */
	record Reply(int status, @Nullable String retryAfter, boolean replayed, byte[] body, String contentType) {

		Reply(int status, @Nullable String retryAfter, boolean replayed, byte[] body) {
			this(status, retryAfter, replayed, body, "application/json");
		}

		Reply asReplay() {
			return new Reply(this.status, this.retryAfter, true, this.body, this.contentType);
		}

	}

	private record Stored(Reply reply, int bodyHash, Instant expiresAt) {

	}

	private static final class SmsState {

		final String id;

		final String to;

		final String from;

		final String text;

		final int segments;

		final BigDecimal cost;

		final @Nullable URI callbackUrl;

		final @Nullable Instant scheduledAt;

		final Instant acceptedAt;

		final SmsStatus outcome;

		volatile SmsStatus status = SmsStatus.QUEUED;

		volatile @Nullable Instant deliveredAt;

		SmsState(String id, String to, String from, String text, int segments, BigDecimal cost,
				@Nullable URI callbackUrl, @Nullable Instant scheduledAt, Instant acceptedAt, SmsStatus outcome) {
			this.id = id;
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

		SentMessage snapshot() {
			return new SentMessage(this.id, this.to, this.from, this.text, this.status, this.segments, this.cost,
					this.callbackUrl, this.scheduledAt, this.acceptedAt, this.deliveredAt);
		}

	}

	private static final class CallState {

		final String id;

		final String to;

		final String from;

		final List<VoiceAction> actions;

		final Duration timeout;

		final Instant placedAt;

		final CallStatus outcome;

		final List<String> digits;

		volatile CallStatus status = CallStatus.QUEUED;

		volatile @Nullable Instant answeredAt;

		volatile @Nullable Duration duration;

		CallState(String id, String to, String from, List<VoiceAction> actions, Duration timeout, Instant placedAt,
				CallStatus outcome, List<String> digits) {
			this.id = id;
			this.to = to;
			this.from = from;
			this.actions = actions;
			this.timeout = timeout;
			this.placedAt = placedAt;
			this.outcome = outcome;
			this.digits = digits;
		}

		PlacedCall snapshot() {
			return new PlacedCall(this.id, this.to, this.from, this.actions, this.timeout, this.status, this.placedAt,
					this.duration);
		}

	}

	private static final class VerificationState {

		final String requestId;

		final String to;

		final Channel channel;

		final String code;

		final Instant expiresAt;

		volatile VerificationStatus status = VerificationStatus.PENDING;

		volatile int wrongAttempts;

		VerificationState(String requestId, String to, Channel channel, String code, Instant expiresAt) {
			this.requestId = requestId;
			this.to = to;
			this.channel = channel;
			this.code = code;
			this.expiresAt = expiresAt;
		}

		synchronized boolean settle(VerificationStatus status) {
			if (this.status != VerificationStatus.PENDING) {
				return false;
			}
			this.status = status;
			return true;
		}

		SentVerification snapshot() {
			return new SentVerification(this.requestId, this.to, this.channel, this.code, this.status, this.expiresAt,
					this.wrongAttempts);
		}

	}

}
