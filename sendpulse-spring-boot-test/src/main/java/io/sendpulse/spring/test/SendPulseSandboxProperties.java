package io.sendpulse.spring.test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the SendPulse sandbox ({@code sendpulse.sandbox.*}). Its defaults are
 * also those of {@link SendPulseSandbox#builder()}.
 */
@ConfigurationProperties("sendpulse.sandbox")
public class SendPulseSandboxProperties {

	static final String DEFAULT_API_KEY = "sandbox-key";

	static final BigDecimal DEFAULT_BALANCE = new BigDecimal("100.00");

	static final BigDecimal DEFAULT_SEGMENT_PRICE = new BigDecimal("0.0075");

	static final int DEFAULT_RATE_LIMIT = 100;

	static final Duration DEFAULT_STEP_DELAY = Duration.ofMillis(200);

	static final boolean DEFAULT_AUTO_ADVANCE = true;

	static final int DEFAULT_VERIFICATION_ATTEMPTS = 3;

	static final int DEFAULT_WEBHOOK_ATTEMPTS = 5;

	static final Duration DEFAULT_WEBHOOK_BACKOFF = Duration.ofSeconds(1);

	/**
	 * Whether to start the sandbox SendPulse API on loopback and point the templates at
	 * it.
	 */
	private boolean enabled;

	/**
	 * API key the sandbox accepts, and the templates send. It replaces sendpulse.api-key
	 * while the sandbox is enabled.
	 */
	private String apiKey = DEFAULT_API_KEY;

	/**
	 * More API keys the sandbox accepts, each with its own balance and rate window, as
	 * other SendPulse accounts would be.
	 */
	private List<Account> additionalAccounts = new ArrayList<>();

	/**
	 * Port the sandbox listens on. 0 picks a free port.
	 */
	private int port;

	/**
	 * Starting balance of the api-key. Each SMS segment, call and verification spends the
	 * segment price; a send the balance cannot pay for is answered 402.
	 */
	private BigDecimal balance = DEFAULT_BALANCE;

	/**
	 * Price of one SMS segment, also charged per call and per verification.
	 */
	private BigDecimal segmentPrice = DEFAULT_SEGMENT_PRICE;

	/**
	 * Calls per second the api-key may make before the sandbox answers 429. 0 for no
	 * limit.
	 */
	private int rateLimit = DEFAULT_RATE_LIMIT;

	/**
	 * Time each lifecycle step (queued to sent, sent to delivered, ringing to in
	 * progress, ...) takes on the sandbox clock.
	 */
	private Duration stepDelay = DEFAULT_STEP_DELAY;

	/**
	 * Whether the sandbox clock follows real time. When false, lifecycles only move when
	 * a test calls SendPulseSandbox.advance(Duration).
	 */
	private boolean autoAdvance = DEFAULT_AUTO_ADVANCE;

	/**
	 * Number of wrong codes a verification takes before it fails.
	 */
	private int verificationAttempts = DEFAULT_VERIFICATION_ATTEMPTS;

	/**
	 * Secret the sandbox signs its webhooks with: one for the sandbox only, which the
	 * application's endpoint also accepts (as sendpulse.webhook.secret or one of
	 * sendpulse.webhook.additional-secrets). Without it, the sandbox posts no webhooks
	 * unless use-application-webhook-secret is set.
	 */
	private @Nullable String webhookSecret;

	/**
	 * Whether the sandbox may sign its webhooks with the application's own
	 * sendpulse.webhook.secret when webhook-secret is not set. Set by
	 * @AutoConfigureSendPulseSandbox in tests; leave it off in a running application,
	 * where that secret may be the one SendPulse signs real webhooks with.
	 */
	private boolean useApplicationWebhookSecret;

	/**
	 * URL webhooks are posted to when a message names no callback_url. Defaults to the
	 * application's own @SendPulseWebhook endpoint when it runs on a known port. Only
	 * loopback addresses are posted to.
	 */
	private @Nullable URI webhookUrl;

	/**
	 * Number of times a webhook the application refuses is posted in all.
	 */
	private int webhookAttempts = DEFAULT_WEBHOOK_ATTEMPTS;

	/**
	 * Wait before a refused webhook is posted again, doubled on each attempt, on the
	 * sandbox clock.
	 */
	private Duration webhookBackoff = DEFAULT_WEBHOOK_BACKOFF;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(String apiKey) {
		this.apiKey = apiKey;
	}

	public List<Account> getAdditionalAccounts() {
		return this.additionalAccounts;
	}

	public void setAdditionalAccounts(List<Account> additionalAccounts) {
		this.additionalAccounts = additionalAccounts;
	}

	public int getPort() {
		return this.port;
	}

	public void setPort(int port) {
		this.port = port;
	}

	public BigDecimal getBalance() {
		return this.balance;
	}

	public void setBalance(BigDecimal balance) {
		this.balance = balance;
	}

	public BigDecimal getSegmentPrice() {
		return this.segmentPrice;
	}

	public void setSegmentPrice(BigDecimal segmentPrice) {
		this.segmentPrice = segmentPrice;
	}

	public int getRateLimit() {
		return this.rateLimit;
	}

	public void setRateLimit(int rateLimit) {
		this.rateLimit = rateLimit;
	}

	public Duration getStepDelay() {
		return this.stepDelay;
	}

	public void setStepDelay(Duration stepDelay) {
		this.stepDelay = stepDelay;
	}

	public boolean isAutoAdvance() {
		return this.autoAdvance;
	}

	public void setAutoAdvance(boolean autoAdvance) {
		this.autoAdvance = autoAdvance;
	}

	public int getVerificationAttempts() {
		return this.verificationAttempts;
	}

	public void setVerificationAttempts(int verificationAttempts) {
		this.verificationAttempts = verificationAttempts;
	}

	public @Nullable String getWebhookSecret() {
		return this.webhookSecret;
	}

	public void setWebhookSecret(@Nullable String webhookSecret) {
		this.webhookSecret = webhookSecret;
	}

	public boolean isUseApplicationWebhookSecret() {
		return this.useApplicationWebhookSecret;
	}

	public void setUseApplicationWebhookSecret(boolean useApplicationWebhookSecret) {
		this.useApplicationWebhookSecret = useApplicationWebhookSecret;
	}

	public @Nullable URI getWebhookUrl() {
		return this.webhookUrl;
	}

	public void setWebhookUrl(@Nullable URI webhookUrl) {
		this.webhookUrl = webhookUrl;
	}

	public int getWebhookAttempts() {
		return this.webhookAttempts;
	}

	public void setWebhookAttempts(int webhookAttempts) {
		this.webhookAttempts = webhookAttempts;
	}

	public Duration getWebhookBackoff() {
		return this.webhookBackoff;
	}

	public void setWebhookBackoff(Duration webhookBackoff) {
		this.webhookBackoff = webhookBackoff;
	}

	/**
	 * One more API key the sandbox accepts.
	 */
	public static class Account {

		/**
		 * API key of this account.
		 */
		private @Nullable String apiKey;

		/**
		 * Starting balance of this account.
		 */
		private BigDecimal balance = DEFAULT_BALANCE;

		/**
		 * Calls per second this account may make before the sandbox answers 429. 0 for no
		 * limit.
		 */
		private int rateLimit = DEFAULT_RATE_LIMIT;

		/**
		 * Secret the webhooks of this account's SMS, calls and verifications are signed
		 * with, as SendPulse signs each account's with its own; the sandbox's secret when
		 * not set.
		 */
		private @Nullable String webhookSecret;

		public @Nullable String getWebhookSecret() {
			return this.webhookSecret;
		}

		public void setWebhookSecret(@Nullable String webhookSecret) {
			this.webhookSecret = webhookSecret;
		}

		public @Nullable String getApiKey() {
			return this.apiKey;
		}

		public void setApiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
		}

		public BigDecimal getBalance() {
			return this.balance;
		}

		public void setBalance(BigDecimal balance) {
			this.balance = balance;
		}

		public int getRateLimit() {
			return this.rateLimit;
		}

		public void setRateLimit(int rateLimit) {
			this.rateLimit = rateLimit;
		}

	}

}
