package io.sendpulse.spring.test.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /v1/verify/start} and {@code POST /v1/verify/check}: "sends" a random code
 * (which a test reads with {@link #code(String)}), approves the right code once, fails
 * after too many wrong ones, and expires on the sandbox clock, posting
 * {@code verify.approved}, {@code verify.failed} or {@code verify.expired}.
 */
final class VerificationSimulation {

	static final String PENDING = "pending";

	static final String APPROVED = "approved";

	static final String EXPIRED = "expired";

	static final String FAILED = "failed";

	private static final Set<String> CHANNELS = Set.of("sms", "voice", "whatsapp");

	private static final int DEFAULT_CODE_LENGTH = 6;

	private static final int DEFAULT_EXPIRY_SECONDS = 300;

	private final WireJson json;

	private final SandboxScheduler scheduler;

	private final WebhookDispatcher webhooks;

	private final BigDecimal price;

	private final int attempts;

	private final Map<String, Verification> verifications = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<Verification> order = new ConcurrentLinkedQueue<>();

	private final Map<String, Verification> latest = new ConcurrentHashMap<>();

	VerificationSimulation(WireJson json, SandboxScheduler scheduler, WebhookDispatcher webhooks, BigDecimal price,
			int attempts) {
		this.json = json;
		this.scheduler = scheduler;
		this.webhooks = webhooks;
		this.price = price;
		this.attempts = attempts;
	}

	Reply start(Account account, RequestFields request) {
		String to = request.e164("to");
		String channel = request.optionalString("channel");
		if (channel == null) {
			channel = "sms";
		}
		else if (!CHANNELS.contains(channel)) {
			throw ApiProblem.invalid("channel", "channel must be sms, voice or whatsapp");
		}
		Integer codeLength = request.range("code_length", 4, 8);
		Integer expiry = request.range("expiry", 1, Integer.MAX_VALUE);
		account.balance().charge(this.price);
		Instant now = this.scheduler.now();
		Verification verification = new Verification(Ids.next("vrf_"), account.id(), to, channel,
				Ids.code((codeLength != null) ? codeLength : DEFAULT_CODE_LENGTH),
				now.plusSeconds((expiry != null) ? expiry : DEFAULT_EXPIRY_SECONDS));
		this.verifications.put(verification.requestId, verification);
		this.order.add(verification);
		this.latest.put(to, verification);
		this.scheduler.schedule(verification.expiresAt, (due) -> {
			if (verification.settle(EXPIRED)) {
				event(verification);
			}
		});
		ObjectNode node = this.json.object();
		node.put("request_id", verification.requestId);
		node.put("to", verification.to);
		node.put("channel", verification.channel);
		node.put("status", PENDING);
		node.put("expires_at", verification.expiresAt.toString());
		return this.json.ok(node);
	}

	Reply check(Account account, RequestFields request) {
		String requestId = request.requiredString("request_id");
		String code = request.requiredString("code");
		if (!code.matches("[0-9]{4,8}")) {
			throw ApiProblem.invalid("code", "code must be 4 to 8 digits");
		}
		Verification verification = this.verifications.get(requestId);
		if (verification == null || !verification.account.equals(account.id())) {
			throw ApiProblem.notFound("request_id", "No verification with request_id '" + requestId + "'");
		}
		boolean valid = false;
		boolean settled = false;
		synchronized (verification) {
			if (PENDING.equals(verification.status) && this.scheduler.now().isBefore(verification.expiresAt)) {
				if (verification.code.equals(code)) {
					valid = true;
					verification.status = APPROVED;
					settled = true;
				}
				else if (++verification.wrongAttempts >= this.attempts) {
					verification.status = FAILED;
					settled = true;
				}
			}
		}
		if (settled) {
			event(verification);
		}
		ObjectNode node = this.json.object();
		node.put("valid", valid);
		node.put("request_id", requestId);
		return this.json.ok(node);
	}

	private void event(Verification verification) {
		ObjectNode event = this.json.object();
		event.put("event", "verify." + verification.status);
		event.put("request_id", verification.requestId);
		event.put("to", verification.to);
		event.put("status", verification.status);
		this.webhooks.publish(verification.requestId, null, event, verification.account);
	}

	List<VerificationView> verifications() {
		List<VerificationView> snapshot = new ArrayList<>();
		for (Verification verification : this.order) {
			snapshot.add(verification.view());
		}
		return snapshot;
	}

	@Nullable String code(String to) {
		Verification verification = this.latest.get(to);
		return (verification != null) ? verification.code : null;
	}

	void reset() {
		this.verifications.clear();
		this.order.clear();
		this.latest.clear();
	}

	private static final class Verification {

		final String requestId;

		final String account;

		final String to;

		final String channel;

		final String code;

		final Instant expiresAt;

		volatile String status = PENDING;

		volatile int wrongAttempts;

		Verification(String requestId, String account, String to, String channel, String code, Instant expiresAt) {
			this.requestId = requestId;
			this.account = account;
			this.to = to;
			this.channel = channel;
			this.code = code;
			this.expiresAt = expiresAt;
		}

		synchronized boolean settle(String status) {
			if (!PENDING.equals(this.status)) {
				return false;
			}
			this.status = status;
			return true;
		}

		VerificationView view() {
			return new VerificationView(this.requestId, this.to, this.channel, this.code, this.status, this.expiresAt,
					this.wrongAttempts);
		}

	}

}
