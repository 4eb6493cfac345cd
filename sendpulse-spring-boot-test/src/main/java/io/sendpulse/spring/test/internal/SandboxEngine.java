package io.sendpulse.spring.test.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The sandbox's parts, assembled: clock, webhooks, accounts, idempotency store, the three
 * simulations, router and HTTP server. {@code SendPulseSandbox} is its public face and
 * turns what it returns (wire strings) into the API's types.
 */
public final class SandboxEngine {

	private static final Log logger = LogFactory.getLog(SandboxEngine.class);

	private static final Duration PURGE_INTERVAL = Duration.ofHours(1);

	/** How long {@link #advance(Duration)} waits for the webhooks it posted. */
	static final Duration WEBHOOK_ANSWERS = Duration.ofSeconds(30);

	private final SandboxScheduler scheduler;

	private final WebhookDispatcher webhooks;

	private final Accounts accounts;

	private final IdempotencyStore idempotency;

	private final SmsSimulation sms;

	private final CallSimulation calls;

	private final VerificationSimulation verifications;

	private final FaultQueue faults = new FaultQueue();

	private final SandboxServer server;

	private volatile URI baseUrl = URI.create("http://127.0.0.1");

	/**
	 * Assemble a sandbox; {@link #start(String, int)} starts it.
	 * @param settings its settings
	 */
	public SandboxEngine(SandboxSettings settings) {
		WireJson json = new WireJson();
		this.scheduler = new SandboxScheduler(settings.autoAdvance());
		this.accounts = new Accounts(settings.accounts());
		this.webhooks = new WebhookDispatcher(json, this.scheduler, settings.webhookSecret(), settings.webhookUrl(),
				this.accounts, settings.webhookAttempts(), settings.webhookBackoff());
		this.idempotency = new IdempotencyStore(this.scheduler);
		this.sms = new SmsSimulation(json, this.scheduler, this.webhooks, settings.segmentPrice(),
				settings.stepDelay());
		this.calls = new CallSimulation(json, this.scheduler, this.webhooks, settings.segmentPrice(),
				settings.stepDelay(), () -> this.baseUrl);
		this.verifications = new VerificationSimulation(json, this.scheduler, this.webhooks, settings.segmentPrice(),
				settings.verificationAttempts());
		this.server = new SandboxServer(
				new SandboxRouter(json, this.accounts, this.idempotency, this.sms, this.calls, this.verifications),
				this.faults);
	}

	/**
	 * Start the HTTP server and, when auto-advancing, the clock.
	 * @param host the address to listen on
	 * @param port the port, 0 for a free one
	 * @return the port it listens on
	 */
	public int start(String host, int port) {
		int bound = this.server.start(host, port);
		this.baseUrl = URI.create("http://" + host + ":" + bound);
		this.scheduler.start();
		schedulePurge(this.scheduler.now());
		return bound;
	}

	/**
	 * Stop the server, the clock and webhook deliveries.
	 */
	public void stop() {
		this.scheduler.stop();
		this.server.stop();
		this.webhooks.stop();
	}

	/**
	 * Return the scripted faults.
	 * @return the faults
	 */
	public FaultQueue faults() {
		return this.faults;
	}

	/**
	 * Return the API keys accepted, the default first.
	 * @return the keys
	 */
	public List<String> apiKeys() {
		List<String> keys = new ArrayList<>();
		for (Account account : this.accounts.all()) {
			keys.add(account.apiKey());
		}
		return keys;
	}

	/**
	 * Return the SMS accepted, oldest first.
	 * @return the messages
	 */
	public List<MessageView> messages() {
		return this.sms.messages();
	}

	/**
	 * Return the SMS accepted with one API key, oldest first.
	 * @param apiKey the key
	 * @return the messages
	 * @throws IllegalArgumentException if the sandbox accepts no such key
	 */
	public List<MessageView> messages(String apiKey) {
		return this.sms.messages(this.accounts.get(apiKey).id());
	}

	/**
	 * Return one SMS.
	 * @param id its id
	 * @return the message, or {@code null}
	 */
	public @Nullable MessageView message(String id) {
		return this.sms.message(id);
	}

	/**
	 * Return the calls accepted, oldest first.
	 * @return the calls
	 */
	public List<CallView> calls() {
		return this.calls.calls();
	}

	/**
	 * Return the verifications started, oldest first.
	 * @return the verifications
	 */
	public List<VerificationView> verifications() {
		return this.verifications.verifications();
	}

	/**
	 * Return the code of the latest verification of a number.
	 * @param to the number
	 * @return the code, or {@code null}
	 */
	public @Nullable String verificationCode(String to) {
		return this.verifications.code(to);
	}

	/**
	 * Return the webhooks posted or being posted, oldest first.
	 * @return the deliveries
	 */
	public List<DeliveryView> webhooks() {
		return this.webhooks.deliveries();
	}

	/**
	 * Make the SMS to a number end in another status.
	 * @param to the number
	 * @param outcome {@code delivered}, {@code undelivered} or {@code failed}
	 */
	public void scriptSms(String to, String outcome) {
		this.sms.script(to, outcome);
	}

	/**
	 * Make the calls to a number end in another status.
	 * @param to the number
	 * @param outcome {@code completed}, {@code busy}, {@code no_answer} or {@code failed}
	 */
	public void scriptCall(String to, String outcome) {
		this.calls.script(to, outcome);
	}

	/**
	 * Make the callee of calls to a number press keys, one string per gather.
	 * @param to the number
	 * @param digits the keys
	 */
	public void scriptDigits(String to, List<String> digits) {
		this.calls.scriptDigits(to, digits);
	}

	/**
	 * Return the time on the sandbox clock.
	 * @return the time
	 */
	public Instant now() {
		return this.scheduler.now();
	}

	/**
	 * Move the clock on, run what falls due and wait until no webhook is being posted (at
	 * most {@link #WEBHOOK_ANSWERS}).
	 * @param duration how far
	 */
	public void advance(Duration duration) {
		this.scheduler.advance(duration);
		if (!this.webhooks.awaitAnswers(WEBHOOK_ANSWERS)) {
			logger.warn("The SendPulse sandbox's advance(" + duration
					+ ") returns with webhooks still unanswered after " + WEBHOOK_ANSWERS.toSeconds() + " s");
		}
	}

	/**
	 * Return an account's balance.
	 * @param apiKey the account's key
	 * @return the balance
	 */
	public BigDecimal balance(String apiKey) {
		return this.accounts.get(apiKey).balance().get();
	}

	/**
	 * Set an account's balance.
	 * @param apiKey the account's key
	 * @param balance the balance
	 */
	public void balance(String apiKey, BigDecimal balance) {
		this.accounts.get(apiKey).balance().set(balance);
	}

	/**
	 * Forget everything sent, scripted and stored, and restore every balance.
	 */
	public void reset() {
		this.faults.clear();
		this.idempotency.clear();
		this.sms.reset();
		this.calls.reset();
		this.verifications.reset();
		this.accounts.reset();
		this.webhooks.clear();
		this.scheduler.clear();
		schedulePurge(this.scheduler.now());
	}

	private void schedulePurge(Instant at) {
		this.scheduler.schedule(at.plus(PURGE_INTERVAL), (due) -> {
			this.idempotency.purgeExpired();
			schedulePurge(due);
		});
	}

	@Override
	public String toString() {
		return "SandboxEngine[baseUrl=" + this.baseUrl + ", accounts=" + this.accounts.all().size() + "]";
	}

}
