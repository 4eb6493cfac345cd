package io.sendpulse.spring.test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import io.sendpulse.spring.sms.SmsStatus;
import io.sendpulse.spring.test.internal.CallView;
import io.sendpulse.spring.test.internal.MessageView;
import io.sendpulse.spring.test.internal.PhoneMask;
import io.sendpulse.spring.test.internal.SandboxEngine;
import io.sendpulse.spring.test.internal.SandboxSettings;
import io.sendpulse.spring.test.internal.VerificationView;
import io.sendpulse.spring.verify.Channel;
import io.sendpulse.spring.verify.VerificationStatus;
import io.sendpulse.spring.voice.CallStatus;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A sandbox SendPulse API: a real HTTP server on loopback that serves the API's calls
 * with its rules (API key, field validation, balance, rate limit,
 * {@code Idempotency-Key}), moves messages, calls and verifications through their
 * lifecycles on a clock it controls, and posts signed webhooks, with no account, no phone
 * and no network.
 * <p>
 * In a Spring Boot test,
 * {@link AutoConfigureSendPulseSandbox @AutoConfigureSendPulseSandbox} starts one and
 * points the templates at it; inject it to look at what was sent:
 * <p>
 * <pre class="code">
 * &#64;Autowired SendPulseSandbox sandbox;
 *
 * sms.send(SmsRequest.builder().to("+14155550123").text("Hello").build());
 * assertThat(sandbox.sentMessages()).singleElement().satisfies((m) -&gt; assertThat(m.text()).isEqualTo("Hello"));
 * </pre>
 * <p>
 * Without Spring: {@code SendPulseSandbox.builder().build().start()}, then use
 * {@link #baseUrl()} and {@link #apiKey()}. Thread-safe.
 * <p>
 * Webhooks are signed with the secret it was given (a secret for the sandbox only) and
 * posted to loopback addresses only; one to any other host is listed in
 * {@link #webhooks()} and never posted. More API keys, each with its own balance and rate
 * window as another account would have, come from
 * {@link Builder#additionalAccount(String, BigDecimal, int)}.
 * <p>
 * Each lifecycle step (queued to sent, sent to delivered, ringing to in progress, …)
 * takes the step delay on the sandbox clock. The clock follows real time unless
 * auto-advance is off, and {@link #advance(Duration)} moves it on at once, running what
 * falls due.
 */
public final class SendPulseSandbox implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(SendPulseSandbox.class);

	private static final String LOOPBACK = "127.0.0.1";

	private final String apiKey;

	private final int configuredPort;

	private final Duration stepDelay;

	private final SandboxEngine engine;

	private final SandboxFaults faults;

	private volatile int port = -1;

	private SendPulseSandbox(Builder builder) {
		this.apiKey = builder.apiKey;
		this.configuredPort = builder.port;
		this.stepDelay = builder.stepDelay;
		List<SandboxSettings.Account> accounts = new ArrayList<>();
		accounts.add(new SandboxSettings.Account(builder.apiKey, builder.balance, builder.rateLimit));
		accounts.addAll(builder.additionalAccounts);
		this.engine = new SandboxEngine(new SandboxSettings(accounts, builder.segmentPrice, builder.stepDelay,
				builder.autoAdvance, builder.verificationAttempts, builder.webhookSecret, builder.webhookUrl,
				builder.webhookAttempts, builder.webhookBackoff));
		this.faults = new SandboxFaults(this.engine.faults());
	}

	/**
	 * Start building a sandbox.
	 * @return a builder with the defaults of {@code sendpulse.sandbox.*}
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Start the HTTP server on loopback and, when auto-advancing, the clock.
	 * @return this sandbox
	 */
	public synchronized SendPulseSandbox start() {
		Assert.state(this.port < 0, "The sandbox is already started");
		this.port = this.engine.start(LOOPBACK, this.configuredPort);
		logger.info("SendPulse sandbox listening on " + baseUrl());
		return this;
	}

	/**
	 * Stop the HTTP server, the clock and webhook deliveries.
	 */
	public synchronized void stop() {
		if (this.port >= 0) {
			this.engine.stop();
			this.port = -2;
		}
	}

	/**
	 * Stop the sandbox, as {@link #stop()} does.
	 */
	@Override
	public void close() {
		stop();
	}

	/**
	 * Return the port the sandbox listens on.
	 * @return the port
	 */
	public int port() {
		Assert.state(this.port >= 0, "The sandbox is not running");
		return this.port;
	}

	/**
	 * Return the base URL to point a client at, {@code http://127.0.0.1:<port>}.
	 * @return the base URL
	 */
	public URI baseUrl() {
		return URI.create("http://" + LOOPBACK + ":" + port());
	}

	/**
	 * Return the API key the sandbox accepts, the one the templates use.
	 * @return the API key
	 */
	public String apiKey() {
		return this.apiKey;
	}

	/**
	 * Return every API key the sandbox accepts: {@link #apiKey()} first, then those added
	 * with {@link Builder#additionalAccount(String, BigDecimal, int)}.
	 * @return the API keys
	 */
	public List<String> apiKeys() {
		return this.engine.apiKeys();
	}

	/**
	 * Return the SMS the sandbox accepted, oldest first.
	 * @return the messages, each as it stands now
	 */
	public List<SentMessage> sentMessages() {
		return this.engine.messages().stream().map(SendPulseSandbox::sentMessage).toList();
	}

	/**
	 * Return the SMS the sandbox accepted with one API key, oldest first: what one
	 * account sent.
	 * @param apiKey one of the {@link #apiKeys()}
	 * @return the messages, each as it stands now
	 * @throws IllegalArgumentException if the sandbox accepts no such key (the message
	 * does not show it)
	 */
	public List<SentMessage> sentMessages(String apiKey) {
		return this.engine.messages(apiKey).stream().map(SendPulseSandbox::sentMessage).toList();
	}

	/**
	 * Return one SMS the sandbox accepted.
	 * @param id the message's id, {@code msg_…}
	 * @return the message as it stands now
	 * @throws IllegalArgumentException if the sandbox has no such message
	 */
	public SentMessage sentMessage(String id) {
		MessageView message = this.engine.message(id);
		Assert.isTrue(message != null, () -> "The sandbox has no message " + id);
		return sentMessage(message);
	}

	/**
	 * Return the voice calls the sandbox accepted, oldest first.
	 * @return the calls, each as it stands now
	 */
	public List<PlacedCall> calls() {
		return this.engine.calls().stream().map(SendPulseSandbox::placedCall).toList();
	}

	/**
	 * Return the verifications the sandbox started, oldest first.
	 * @return the verifications, each as it stands now
	 */
	public List<SentVerification> verifications() {
		return this.engine.verifications().stream().map(SendPulseSandbox::sentVerification).toList();
	}

	/**
	 * Return the code of the latest verification started for a number: what the user
	 * would have received.
	 * @param to the number, E.164
	 * @return the code
	 * @throws IllegalStateException if no verification was started for the number
	 */
	public String verificationCode(String to) {
		String code = this.engine.verificationCode(to);
		if (code == null) {
			throw new IllegalStateException("No verification was started for " + PhoneMask.mask(to));
		}
		return code;
	}

	/**
	 * Return the webhooks the sandbox posted or is still posting, oldest first. A webhook
	 * to an address that is not loopback is listed, never posted.
	 * @return the deliveries, each as it stands now
	 */
	public List<WebhookDelivery> webhooks() {
		return this.engine.webhooks()
			.stream()
			.map((delivery) -> new WebhookDelivery(delivery.event(), delivery.target(), delivery.body(),
					delivery.attempts(), delivery.status(), delivery.delivered()))
			.toList();
	}

	/**
	 * Return the scripted faults: the next calls answer a status, are delayed, or have
	 * their connection reset.
	 * @return the faults
	 */
	public SandboxFaults faults() {
		return this.faults;
	}

	/**
	 * Make the SMS sent to a number from now on end in another status than
	 * {@code delivered}.
	 * @param to the recipient, E.164
	 * @param outcome {@link SmsStatus#DELIVERED}, {@link SmsStatus#UNDELIVERED} (after
	 * {@code sent}) or {@link SmsStatus#FAILED} (instead of {@code sent})
	 */
	public void scriptSms(String to, SmsStatus outcome) {
		Assert.isTrue(outcome == SmsStatus.DELIVERED || outcome == SmsStatus.UNDELIVERED || outcome == SmsStatus.FAILED,
				"outcome must be DELIVERED, UNDELIVERED or FAILED");
		this.engine.scriptSms(to, WireValues.wire(outcome));
	}

	/**
	 * Make the calls placed to a number from now on end in another status than
	 * {@code completed}.
	 * @param to the callee, E.164
	 * @param outcome {@link CallStatus#COMPLETED}, {@link CallStatus#BUSY},
	 * {@link CallStatus#NO_ANSWER} (after {@code ringing}) or {@link CallStatus#FAILED}
	 */
	public void scriptCall(String to, CallStatus outcome) {
		Assert.isTrue(outcome == CallStatus.COMPLETED || outcome == CallStatus.BUSY || outcome == CallStatus.NO_ANSWER
				|| outcome == CallStatus.FAILED, "outcome must be COMPLETED, BUSY, NO_ANSWER or FAILED");
		this.engine.scriptCall(to, WireValues.wire(outcome));
	}

	/**
	 * Make the callee of the calls placed to a number from now on press keys: the first
	 * {@code gather} action of a call gets the first digits, the second the second, and
	 * so on, each posted as a {@code call.gather} webhook. A {@code gather} without
	 * digits gets no input.
	 * @param to the callee, E.164
	 * @param digits the keys pressed, one string for each {@code gather} action
	 */
	public void scriptDigits(String to, String... digits) {
		this.engine.scriptDigits(to, Arrays.asList(digits));
	}

	/**
	 * Return the time on the sandbox clock.
	 * @return the sandbox's now
	 */
	public Instant now() {
		return this.engine.now();
	}

	/**
	 * Move the sandbox clock on and run, in order, every transition that falls due, then
	 * wait until no webhook is being posted (at most 30 s): when it returns, the
	 * application's listeners have run. A webhook the application refused is posted again
	 * when its backoff falls due on the sandbox clock. Call it from a test, not from a
	 * webhook listener (whose own webhook is not answered until it returns); on a thread
	 * that must not block, such as an event loop, it does not wait.
	 * @param duration how far to move the clock
	 */
	public void advance(Duration duration) {
		this.engine.advance(duration);
	}

	/**
	 * Return the time one lifecycle step takes on the sandbox clock.
	 * @return the step delay
	 */
	public Duration stepDelay() {
		return this.stepDelay;
	}

	/**
	 * Return the balance left to {@link #apiKey()}.
	 * @return the balance
	 */
	public BigDecimal balance() {
		return this.engine.balance(this.apiKey);
	}

	/**
	 * Return the balance left to one of the {@link #apiKeys()}.
	 * @param apiKey the account's API key
	 * @return the balance
	 * @throws IllegalArgumentException if the sandbox accepts no such key
	 */
	public BigDecimal balance(String apiKey) {
		return this.engine.balance(apiKey);
	}

	/**
	 * Set the balance of {@link #apiKey()}, such as to zero to make the next send answer
	 * 402.
	 * @param balance the new balance
	 */
	public void setBalance(BigDecimal balance) {
		this.engine.balance(this.apiKey, balance);
	}

	/**
	 * Set the balance of one of the {@link #apiKeys()}.
	 * @param apiKey the account's API key
	 * @param balance the new balance
	 * @throws IllegalArgumentException if the sandbox accepts no such key
	 */
	public void setBalance(String apiKey, BigDecimal balance) {
		this.engine.balance(apiKey, balance);
	}

	/**
	 * Forget everything sent, scripted and stored (messages, calls, verifications,
	 * scripts, faults, idempotent responses, pending transitions and webhooks, and the
	 * calls counted against {@code sendpulse.sandbox.rate-limit}), restore the configured
	 * balances and take back what {@link #advance(Duration)} moved the clock by: for a
	 * test that must not see the previous test's traffic or time.
	 */
	public void reset() {
		this.engine.reset();
	}

	@Override
	public String toString() {
		return "SendPulseSandbox[port=" + this.port + ", apiKey=(hidden)]";
	}

	private static SentMessage sentMessage(MessageView message) {
		return new SentMessage(message.id(), message.to(), message.from(), message.text(),
				WireValues.of(SmsStatus.class, message.status()), message.segments(), message.cost(),
				message.callbackUrl(), message.scheduledAt(), message.acceptedAt(), message.deliveredAt());
	}

	private static PlacedCall placedCall(CallView call) {
		return new PlacedCall(call.id(), call.to(), call.from(), WireValues.voiceActions(call.actions()),
				call.timeout(), WireValues.of(CallStatus.class, call.status()), call.placedAt(), call.duration());
	}

	private static SentVerification sentVerification(VerificationView verification) {
		return new SentVerification(verification.requestId(), verification.to(),
				WireValues.of(Channel.class, verification.channel()), verification.code(),
				WireValues.of(VerificationStatus.class, verification.status()), verification.expiresAt(),
				verification.wrongAttempts());
	}

	/**
	 * Builds a {@link SendPulseSandbox}; each setting defaults as its
	 * {@code sendpulse.sandbox.*} property does.
	 */
	public static final class Builder {

		private String apiKey = SendPulseSandboxProperties.DEFAULT_API_KEY;

		private int port;

		private BigDecimal balance = SendPulseSandboxProperties.DEFAULT_BALANCE;

		private BigDecimal segmentPrice = SendPulseSandboxProperties.DEFAULT_SEGMENT_PRICE;

		private int rateLimit = SendPulseSandboxProperties.DEFAULT_RATE_LIMIT;

		private final List<SandboxSettings.Account> additionalAccounts = new ArrayList<>();

		private Duration stepDelay = SendPulseSandboxProperties.DEFAULT_STEP_DELAY;

		private boolean autoAdvance = SendPulseSandboxProperties.DEFAULT_AUTO_ADVANCE;

		private int verificationAttempts = SendPulseSandboxProperties.DEFAULT_VERIFICATION_ATTEMPTS;

		private Supplier<@Nullable String> webhookSecret = () -> null;

		private Function<@Nullable String, @Nullable URI> webhookUrl = (apiKey) -> null;

		private int webhookAttempts = SendPulseSandboxProperties.DEFAULT_WEBHOOK_ATTEMPTS;

		private Duration webhookBackoff = SendPulseSandboxProperties.DEFAULT_WEBHOOK_BACKOFF;

		private Builder() {
		}

		/**
		 * Set the API key the sandbox accepts, and the templates use.
		 * @param apiKey the key, {@code sandbox-key} by default
		 * @return this builder
		 */
		public Builder apiKey(String apiKey) {
			Assert.hasText(apiKey, "apiKey must not be empty");
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Accept one more API key, with its own balance and rate window, as another
		 * SendPulse account would be.
		 * @param apiKey the key, different from every other
		 * @param balance its starting balance
		 * @param rateLimit its calls per second before 429, {@code 0} for no limit
		 * @return this builder
		 */
		public Builder additionalAccount(String apiKey, BigDecimal balance, int rateLimit) {
			return additionalAccount(apiKey, balance, rateLimit, null);
		}

		/**
		 * Accept one more API key, with its own balance, rate window and webhook secret:
		 * the webhooks of its SMS, calls and verifications are signed with that secret,
		 * as SendPulse signs each account's with its own.
		 * @param apiKey the key, different from every other
		 * @param balance its starting balance
		 * @param rateLimit the calls a second it may make before it is answered 429, 0
		 * for no limit
		 * @param webhookSecret the secret its webhooks are signed with, or {@code null}
		 * for the sandbox's
		 * @return this builder
		 */
		public Builder additionalAccount(String apiKey, BigDecimal balance, int rateLimit,
				@Nullable String webhookSecret) {
			Assert.hasText(apiKey, "apiKey must not be empty");
			this.additionalAccounts.add(new SandboxSettings.Account(apiKey, balance, rateLimit,
					(webhookSecret != null && !webhookSecret.isBlank()) ? webhookSecret.strip() : null));
			return this;
		}

		/**
		 * Set the port to listen on.
		 * @param port the port, {@code 0} (the default) for a free one
		 * @return this builder
		 */
		public Builder port(int port) {
			this.port = port;
			return this;
		}

		/**
		 * Set the starting balance of {@link #apiKey(String)}; each SMS segment, call and
		 * verification spends the segment price from it, and a send it cannot pay for
		 * answers 402.
		 * @param balance the balance, {@code 100.00} by default
		 * @return this builder
		 */
		public Builder balance(BigDecimal balance) {
			this.balance = balance;
			return this;
		}

		/**
		 * Set the price of one SMS segment (also charged per call and per verification).
		 * @param segmentPrice the price, {@code 0.0075} by default
		 * @return this builder
		 */
		public Builder segmentPrice(BigDecimal segmentPrice) {
			this.segmentPrice = segmentPrice;
			return this;
		}

		/**
		 * Set how many calls a second {@link #apiKey(String)} may make before the sandbox
		 * answers 429.
		 * @param rateLimit calls per second, {@code 100} by default, {@code 0} for no
		 * limit
		 * @return this builder
		 */
		public Builder rateLimit(int rateLimit) {
			this.rateLimit = rateLimit;
			return this;
		}

		/**
		 * Set how long each lifecycle step takes on the sandbox clock.
		 * @param stepDelay the step delay, 200 milliseconds by default
		 * @return this builder
		 */
		public Builder stepDelay(Duration stepDelay) {
			Assert.isTrue(!stepDelay.isNegative(), "stepDelay must not be negative");
			this.stepDelay = stepDelay;
			return this;
		}

		/**
		 * Set whether the sandbox clock follows real time. When it does not, lifecycles
		 * only move on {@link SendPulseSandbox#advance(Duration)}.
		 * @param autoAdvance whether the clock follows real time, {@code true} by default
		 * @return this builder
		 */
		public Builder autoAdvance(boolean autoAdvance) {
			this.autoAdvance = autoAdvance;
			return this;
		}

		/**
		 * Set how many wrong codes a verification takes before it fails.
		 * @param verificationAttempts the number of wrong codes, 3 by default
		 * @return this builder
		 */
		public Builder verificationAttempts(int verificationAttempts) {
			Assert.isTrue(verificationAttempts > 0, "verificationAttempts must be positive");
			this.verificationAttempts = verificationAttempts;
			return this;
		}

		/**
		 * Set the secret webhooks are signed with; the application's endpoint must accept
		 * it. Without one, no webhook is posted. Use a secret for the sandbox only, never
		 * the one SendPulse signs real webhooks with.
		 * @param webhookSecret the secret
		 * @return this builder
		 */
		public Builder webhookSecret(@Nullable String webhookSecret) {
			return webhookSecret(() -> webhookSecret);
		}

		/**
		 * Set where the secret webhooks are signed with comes from, asked at each event.
		 * @param webhookSecret the secret's source
		 * @return this builder
		 */
		public Builder webhookSecret(Supplier<@Nullable String> webhookSecret) {
			this.webhookSecret = webhookSecret;
			return this;
		}

		/**
		 * Set where webhooks go when a message names no {@code callback_url}. Only
		 * loopback addresses are posted to.
		 * @param webhookUrl the URL
		 * @return this builder
		 */
		public Builder webhookUrl(@Nullable URI webhookUrl) {
			return webhookUrl(() -> webhookUrl);
		}

		/**
		 * Set where the webhook URL comes from, asked at each event, such as an
		 * application whose port is only known once it has started.
		 * @param webhookUrl the URL's source
		 * @return this builder
		 */
		public Builder webhookUrl(Supplier<@Nullable URI> webhookUrl) {
			this.webhookUrl = (apiKey) -> webhookUrl.get();
			return this;
		}

		/**
		 * Set where webhooks go by the API key of the account whose message, call or
		 * verification they are about, asked at each event: in an application, that
		 * account's own endpoint.
		 * @param webhookUrl the URL of each key's webhooks
		 * @return this builder
		 */
		Builder webhookUrlByApiKey(Function<@Nullable String, @Nullable URI> webhookUrl) {
			this.webhookUrl = webhookUrl;
			return this;
		}

		/**
		 * Set how many times a webhook the application refuses is posted in all.
		 * @param webhookAttempts the attempts, 5 by default
		 * @return this builder
		 */
		public Builder webhookAttempts(int webhookAttempts) {
			Assert.isTrue(webhookAttempts > 0, "webhookAttempts must be positive");
			this.webhookAttempts = webhookAttempts;
			return this;
		}

		/**
		 * Set the wait before a refused webhook is posted again; it doubles on each
		 * attempt.
		 * @param webhookBackoff the first wait, 1 second by default, on the sandbox clock
		 * @return this builder
		 */
		public Builder webhookBackoff(Duration webhookBackoff) {
			this.webhookBackoff = webhookBackoff;
			return this;
		}

		/**
		 * Build the sandbox; {@link SendPulseSandbox#start()} starts it.
		 * @return the sandbox
		 */
		public SendPulseSandbox build() {
			return new SendPulseSandbox(this);
		}

	}

}
