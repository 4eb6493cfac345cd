package io.sendpulse.spring.autoconfigure;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;

/**
 * Adjusts the configuration of the rate limiter built from
 * {@code sendpulse.rate-limit.*}. To replace the limiter altogether, define a
 * {@code RateLimiter} bean named {@code sendPulseRateLimiter}.
 */
@FunctionalInterface
public interface SendPulseRateLimiterCustomizer {

	/**
	 * Customize the configuration.
	 * @param builder the builder, already set from the properties
	 */
	void customize(RateLimiterConfig.Builder builder);

}
