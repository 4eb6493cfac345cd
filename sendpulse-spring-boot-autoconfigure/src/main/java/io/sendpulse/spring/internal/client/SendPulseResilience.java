package io.sendpulse.spring.internal.client;

import java.time.Duration;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.sendpulse.spring.SendPulseException;
import io.sendpulse.spring.SendPulseRateLimitException;
import io.sendpulse.spring.internal.ratelimit.InMemoryPlaceStore;
import io.sendpulse.spring.internal.ratelimit.SlidingWindowRateLimiter;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.Assert;

/**
 * The Resilience4j configurations: a rate limiter that holds its limit in any window
 * where the API counts it, and retries that never act twice.
 */
public final class SendPulseResilience {

	/** Name of the rate limiter and the retry, as they appear in metrics. */
	public static final String NAME = "sendpulse";

	private static final Log logger = LogFactory.getLog(SendPulseResilience.class);

	private static final double JITTER = 0.5;

	private static final Duration SHORTEST_WAIT = Duration.ofMillis(1);

	private SendPulseResilience() {
	}

	/**
	 * Log each retry at debug level. Call it once per retry: every call adds a listener
	 * to the retry's event publisher.
	 * @param retry the retry
	 * @return the same retry
	 */
	public static Retry logRetries(Retry retry) {
		// Exception messages carry no key and mask numbers, so they are safe to log.
		retry.getEventPublisher().onRetry((event) -> {
			if (logger.isDebugEnabled()) {
				logger.debug("Retrying in " + event.getWaitInterval().toMillis() + " ms: "
						+ ((event.getLastThrowable() != null) ? event.getLastThrowable().getMessage() : "no error"));
			}
		});
		return retry;
	}

	/**
	 * A rate limiter configuration: at most {@code limit} requests in ANY window of
	 * {@code period}, as {@link SlidingWindowRateLimiter} reads it.
	 * @param limit the most requests reaching the API in any window of {@code period}
	 * @param period the window
	 * @param timeout how long a call may wait for a place before it fails unsent
	 * @return the configuration
	 */
	public static RateLimiterConfig rateLimiterConfig(int limit, Duration period, Duration timeout) {
		Assert.isTrue(limit > 0, "limit must be positive");
		Assert.isTrue(period.toNanos() > 0, "period must be positive");
		Assert.isTrue(!timeout.isNegative(), "timeout must not be negative");
		return RateLimiterConfig.custom()
			.limitForPeriod(limit)
			.limitRefreshPeriod(period)
			.timeoutDuration(timeout)
			.build();
	}

	/**
	 * A sliding-window limiter whose places live in this JVM.
	 * @param config the limit, period and timeout
	 * @return the limiter, named {@link #NAME}
	 */
	public static SlidingWindowRateLimiter rateLimiter(RateLimiterConfig config) {
		return new SlidingWindowRateLimiter(NAME, config, new InMemoryPlaceStore());
	}

	/**
	 * A retry configuration: exponential backoff with jitter, a {@code Retry-After} from
	 * the API winning over the computed wait (never above {@code maxBackoff}), and only
	 * failures that {@link SendPulseException#isRetryable() may be retried} retried:
	 * connection failures, timeouts, 429, 502-504, and 500 on a GET.
	 * @param maxAttempts attempts in all, the first included
	 * @param initialBackoff wait before the first retry
	 * @param multiplier factor the wait grows by on each retry
	 * @param maxBackoff longest wait between two attempts
	 * @return the configuration
	 */
	public static RetryConfig retryConfig(int maxAttempts, Duration initialBackoff, double multiplier,
			Duration maxBackoff) {
		Assert.isTrue(maxAttempts >= 1, "maxAttempts must be at least 1");
		Assert.isTrue(multiplier >= 1, "multiplier must be at least 1");
		IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(initialBackoff, multiplier, JITTER,
				maxBackoff);
		IntervalBiFunction<Object> wait = (attempt, outcome) -> {
			if (outcome.isLeft() && outcome.getLeft() instanceof SendPulseRateLimitException limited
					&& limited.getRetryAfter() != null) {
				return retryAfter(limited.getRetryAfter(), maxBackoff).toMillis();
			}
			return backoff.apply(attempt);
		};
		return RetryConfig.custom()
			.maxAttempts(maxAttempts)
			.intervalBiFunction(wait)
			.retryOnException((ex) -> ex instanceof SendPulseException failure && failure.isRetryable())
			.build();
	}

	private static Duration retryAfter(Duration requested, Duration maxBackoff) {
		Duration bounded = (requested.compareTo(maxBackoff) > 0) ? maxBackoff : requested;
		// Resilience4j reads a wait under 1 ms as "do not retry".
		return (bounded.compareTo(SHORTEST_WAIT) < 0) ? SHORTEST_WAIT : bounded;
	}

}
