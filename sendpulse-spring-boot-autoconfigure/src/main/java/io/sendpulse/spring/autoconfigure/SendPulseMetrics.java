package io.sendpulse.spring.autoconfigure;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Supplier;

import io.github.resilience4j.micrometer.tagged.RateLimiterMetricNames;
import io.github.resilience4j.micrometer.tagged.RetryMetricNames;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Binds the SendPulse rate limiter and retry to Micrometer through
 * resilience4j-micrometer, under {@code sendpulse.*} meter names.
 */
class SendPulseMetrics implements MeterBinder {

	private static final RateLimiterMetricNames RATE_LIMITER_NAMES = RateLimiterMetricNames.custom()
		.availablePermissionsMetricName("sendpulse.ratelimiter.available.permissions")
		.waitingThreadsMetricName("sendpulse.ratelimiter.waiting.threads")
		.build();

	private static final RetryMetricNames RETRY_NAMES = RetryMetricNames.custom()
		.callsMetricName("sendpulse.retry.calls")
		.build();

	private final @Nullable RateLimiter rateLimiter;

	private final @Nullable Retry retry;

	private final Supplier<Collection<RateLimiter>> accountRateLimiters;

	SendPulseMetrics(@Nullable RateLimiter rateLimiter, @Nullable Retry retry) {
		this(rateLimiter, retry, List::of);
	}

	/**
	 * Metrics of the top-level limiter and retry, and of the limiters of further
	 * accounts' keys, each under its own {@code name} tag ({@code sendpulse-<account>}).
	 */
	SendPulseMetrics(@Nullable RateLimiter rateLimiter, @Nullable Retry retry,
			Supplier<Collection<RateLimiter>> accountRateLimiters) {
		this.rateLimiter = rateLimiter;
		this.retry = retry;
		this.accountRateLimiters = accountRateLimiters;
	}

	@Override
	public void bindTo(MeterRegistry meterRegistry) {
		List<RateLimiter> limiters = new ArrayList<>();
		if (this.rateLimiter != null) {
			limiters.add(this.rateLimiter);
		}
		limiters.addAll(this.accountRateLimiters.get());
		if (!limiters.isEmpty()) {
			// The tagged metrics read registries: one holding just our limiters.
			RateLimiterRegistry registry = RateLimiterRegistry.ofDefaults();
			for (RateLimiter limiter : limiters) {
				registry.rateLimiter(limiter.getName());
				registry.replace(limiter.getName(), limiter);
			}
			TaggedRateLimiterMetrics.ofRateLimiterRegistry(RATE_LIMITER_NAMES, registry).bindTo(meterRegistry);
		}
		if (this.retry != null) {
			RetryRegistry registry = RetryRegistry.ofDefaults();
			registry.retry(this.retry.getName());
			registry.replace(this.retry.getName(), this.retry);
			TaggedRetryMetrics.ofRetryRegistry(RETRY_NAMES, registry).bindTo(meterRegistry);
		}
	}

}
