package io.sendpulse.spring.autoconfigure;

import io.github.resilience4j.retry.RetryConfig;

/**
 * Adjusts the configuration of the retry built from {@code sendpulse.retry.*}. To replace
 * the retry altogether, define a {@code Retry} bean named {@code sendPulseRetry}.
 */
@FunctionalInterface
public interface SendPulseRetryCustomizer {

	/**
	 * Customize the configuration.
	 * @param builder the builder, already set from the properties
	 */
	void customize(RetryConfig.Builder<Object> builder);

}
