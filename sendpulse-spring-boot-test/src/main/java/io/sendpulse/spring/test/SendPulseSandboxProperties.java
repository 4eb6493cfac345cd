package io.sendpulse.spring.test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the SendPulse sandbox ({@code sendpulse.sandbox.*}).
 */
@ConfigurationProperties("sendpulse.sandbox")
public class SendPulseSandboxProperties {

	/**
	 * Whether to start the sandbox SendPulse API on loopback and point the templates at
	 * it.
	 */
	private boolean enabled;

	/**
	 * API key the sandbox accepts, and the templates send.
	 */
	private String apiKey = "sandbox-key";

	/**
	 * Port the sandbox listens on. 0 picks a free port.
	 */
	private int port;

	/**
	 * Starting balance. Each SMS segment, call and verification spends the segment price;
	 * a send the balance cannot pay for is answered 402.
	 */
	private BigDecimal balance = new BigDecimal("100.00");

	/**
	 * Price of one SMS segment, also charged per call and per verification.
	 */
	private BigDecimal segmentPrice = new BigDecimal("0.0075");

	/**
	 * Calls per second the sandbox answers before it answers 429. 0 for no limit.
	 */
	private int rateLimit = 100;

	/**
	 * Time each lifecycle step (queued to sent, sent to delivered, ringing to in
	 * progress, ...) takes on the sandbox clock.
	 */
	private Duration stepDelay = Duration.ofMillis(200);

	/**
	 * Whether the sandbox clock follows real time. When false, lifecycles only move when
	 * a test calls SendPulseSandbox.advance(Duration).
	 */
	private boolean autoAdvance = true;

	/**
	 * Number of wrong codes a verification takes before it fails.
	 */
	private int verificationAttempts = 3;

	/**
	 * URL webhooks are posted to when a message names no callback_url. Defaults to the
	 * application's own @SendPulseWebhook endpoint when it runs on a known port.
	 */
	private @Nullable URI webhookUrl;

	/**
	 * Number of times a webhook the application refuses is posted in all.
	 */
	private int webhookAttempts = 5;

	/**
	 * Wait before a refused webhook is posted again, doubled on each attempt, on the
	 * sandbox clock.
	 */
	private Duration webhookBackoff = Duration.ofSeconds(1);

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

}
