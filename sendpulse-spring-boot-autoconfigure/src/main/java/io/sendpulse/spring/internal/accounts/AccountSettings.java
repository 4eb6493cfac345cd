package io.sendpulse.spring.internal.accounts;

import java.time.Duration;

import io.sendpulse.spring.verify.Channel;
import org.jspecify.annotations.Nullable;

/**
 * What one account sends with, every fallback to the top-level properties resolved.
 *
 * @param name the account's name
 * @param apiKey its key, checked and stripped
 * @param smsFrom the SMS sender used when a request names none
 * @param voiceFrom the caller ID used when a request names none
 * @param channel the verification channel used when a request names none
 * @param codeLength the code length used when a request names none
 * @param expiry the code's validity used when a request names none
 * @param rateLimit the key's rate limit, or {@code null} when the account sends unlimited
 */
public record AccountSettings(String name, String apiKey, @Nullable String smsFrom, @Nullable String voiceFrom,
		Channel channel, int codeLength, Duration expiry, @Nullable RateLimit rateLimit) {

	@Override
	public String toString() {
		return "AccountSettings[name=" + this.name + ", apiKey=(hidden), rateLimit=" + this.rateLimit + "]";
	}

	/**
	 * A key's rate limit.
	 *
	 * @param limitForPeriod the most requests in any window
	 * @param refreshPeriod the window
	 * @param timeout the longest wait for a place
	 */
	public record RateLimit(int limitForPeriod, Duration refreshPeriod, Duration timeout) {

	}

}
