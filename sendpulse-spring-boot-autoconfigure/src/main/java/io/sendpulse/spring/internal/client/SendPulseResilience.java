package io.sendpulse.spring.internal.client;

import java.time.Duration;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.RetryConfig;
import io.sendpulse.spring.SendPulseException;
import io.sendpulse.spring.SendPulseRateLimitException;

import org.springframework.util.Assert;

/**
 * The Resilience4j configurations of contract section 4: a rate limiter that holds its
 * rate in any window, and retries that never act twice.
 */
public final class SendPulseResilience {

	/** Name of the rate limiter and the retry, as they appear in metrics. */
	public static final String NAME = "sendpulse";

	/** Spacing headroom so that network jitter cannot push a window over the limit. */
	private static final double SPACING_HEADROOM = 1.02;

	private static final double JITTER = 0.5;

	private static final Duration SHORTEST_WAIT = Duration.ofMillis(1);

	private SendPulseResilience() {
	}

	/**
	 * A rate limiter configuration that lets at most {@code limit} calls through in ANY
	 * window of {@code period}, not only in fixed cycles.
	 * <p>
	 * Resilience4j's limiter hands out {@code limitForPeriod} permits per fixed cycle, so
	 * a burst at the end of one cycle and another at the start of the next put twice the
	 * limit in one window. Instead we hand out one permit per cycle of
	 * {@code period / (limit - 1)}: {@code n} permits then span more than {@code (n - 2)}
	 * cycles, so {@code limit + 1} permits never fit in one window. Two percent more
	 * spacing absorbs network jitter and pauses (20 ms in a 1 s window at 200/s); the
	 * rate achieved is about {@code (limit - 1) / 1.02} per period (195 for a limit of
	 * 200).
	 * @param limit the most calls allowed in any window of {@code period}
	 * @param period the window
	 * @param timeout how long a call may wait for a permit before it fails unsent
	 * @return the configuration
	 */
	public static RateLimiterConfig rateLimiterConfig(int limit, Duration period, Duration timeout) {
		Assert.isTrue(limit > 0, "limit must be positive");
		Assert.isTrue(period.toNanos() > 0, "period must be positive");
		Assert.isTrue(!timeout.isNegative(), "timeout must not be negative");
		long cycleNanos = (limit == 1) ? period.toNanos()
				: (long) Math.ceil(period.toNanos() * SPACING_HEADROOM / (limit - 1));
		return RateLimiterConfig.custom()
			.limitForPeriod(1)
			.limitRefreshPeriod(Duration.ofNanos(cycleNanos))
			.timeoutDuration(timeout)
			.build();
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
