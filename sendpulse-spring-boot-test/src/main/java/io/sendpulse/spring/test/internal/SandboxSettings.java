package io.sendpulse.spring.test.internal;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * What a {@link SandboxEngine} is built with; {@code SendPulseSandbox.Builder} fills it
 * in.
 *
 * @param accounts the API keys accepted, the first one the default, each with its own
 * balance and rate window
 * @param segmentPrice the price of one SMS segment, also charged per call and
 * verification
 * @param stepDelay the time each lifecycle step takes on the sandbox clock
 * @param autoAdvance whether the sandbox clock follows real time
 * @param verificationAttempts the wrong codes a verification takes before it fails
 * @param webhookSecret the secret webhooks are signed with, asked at each event
 * @param webhookUrl where webhooks go without a {@code callback_url}, asked at each event
 * with the API key of the account whose message, call or verification it is about
 * @param webhookAttempts how many times a refused webhook is posted in all
 * @param webhookBackoff the first wait before a refused webhook is posted again
 */
public record SandboxSettings(List<Account> accounts, BigDecimal segmentPrice, Duration stepDelay, boolean autoAdvance,
		int verificationAttempts, Supplier<@Nullable String> webhookSecret,
		Function<@Nullable String, @Nullable URI> webhookUrl, int webhookAttempts, Duration webhookBackoff) {

	/**
	 * One API key the sandbox accepts.
	 *
	 * @param apiKey the key
	 * @param balance its starting balance
	 * @param rateLimit the calls a second it may make before it is answered 429, 0 for no
	 * limit
	 * @param webhookSecret the secret its SMS, call and verification webhooks are signed
	 * with, or {@code null} for the sandbox's
	 */
	public record Account(String apiKey, BigDecimal balance, int rateLimit, @Nullable String webhookSecret) {

		public Account(String apiKey, BigDecimal balance, int rateLimit) {
			this(apiKey, balance, rateLimit, null);
		}

		@Override
		public String toString() {
			return "Account[apiKey=(hidden), balance=" + this.balance + ", rateLimit=" + this.rateLimit
					+ ", webhookSecret=" + ((this.webhookSecret != null) ? "(hidden)" : "none") + "]";
		}

	}

}
