package io.sendpulse.spring.internal.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.RetryConfig;
import io.sendpulse.spring.SendPulseRateLimitException;
import io.sendpulse.spring.SendPulseServerException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The waits and the limits the resilience configuration sets.
 */
class SendPulseResilienceTests {

	private final RetryConfig retry = SendPulseResilience.retryConfig(5, Duration.ofMillis(200), 2.0,
			Duration.ofSeconds(5));

	@Test
	void retryAfterWinsOverTheComputedBackoff() {
		assertThat(waitAfter(1, rateLimited(Duration.ofSeconds(3)))).isEqualTo(3000);
	}

	@Test
	void anAbsurdRetryAfterIsBoundedByMaxBackoff() {
		assertThat(waitAfter(1, rateLimited(Duration.ofDays(365)))).isEqualTo(5000);
	}

	@Test
	void aZeroRetryAfterStillRetries() {
		assertThat(waitAfter(1, rateLimited(Duration.ZERO))).isEqualTo(1);
	}

	@Test
	void backsOffExponentiallyWithJitterWhenTheApiSaysNothing() {
		SendPulseServerException unavailable = new SendPulseServerException("503", 503, null, 1, true);
		for (int i = 0; i < 50; i++) {
			assertThat(waitAfter(1, unavailable)).isBetween(100L, 300L);
			assertThat(waitAfter(3, unavailable)).isBetween(400L, 1200L);
			assertThat(waitAfter(10, unavailable)).isLessThanOrEqualTo(5000L);
		}
	}

	@Test
	void retriesOnlyWhatMayBeRetried() {
		assertThat(this.retry.getExceptionPredicate().test(new SendPulseServerException("503", 503, null, 1, true)))
			.isTrue();
		assertThat(this.retry.getExceptionPredicate().test(new SendPulseServerException("500", 500, null, 1, false)))
			.isFalse();
		assertThat(this.retry.getExceptionPredicate().test(new IllegalArgumentException("to"))).isFalse();
		assertThat(this.retry.getExceptionPredicate()
			.test(new SendPulseRateLimitException("local", 0, null, 0, Duration.ofSeconds(1)))).isFalse();
	}

	@Test
	void configuresTheLimitItsPeriodAndTheWait() {
		RateLimiterConfig config = SendPulseResilience.rateLimiterConfig(200, Duration.ofSeconds(1),
				Duration.ofSeconds(5));
		assertThat(config.getLimitForPeriod()).isEqualTo(200);
		assertThat(config.getLimitRefreshPeriod()).isEqualTo(Duration.ofSeconds(1));
		assertThat(config.getTimeoutDuration()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void rejectsNonsenseLimits() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SendPulseResilience.rateLimiterConfig(0, Duration.ofSeconds(1), Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SendPulseResilience.rateLimiterConfig(10, Duration.ZERO, Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SendPulseResilience.retryConfig(0, Duration.ofMillis(1), 2, Duration.ofSeconds(1)));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SendPulseResilience.retryConfig(3, Duration.ofMillis(1), 0.5, Duration.ofSeconds(1)));
	}

	@Test
	void parsesRetryAfterAsSecondsOrAnHttpDate() {
		Clock clock = Clock.fixed(Instant.parse("2026-01-15T10:30:00Z"), ZoneOffset.UTC);
		assertThat(RetryAfter.parse("7", clock)).isEqualTo(Duration.ofSeconds(7));
		assertThat(RetryAfter.parse(" 7 ", clock)).isEqualTo(Duration.ofSeconds(7));
		assertThat(RetryAfter.parse("Thu, 15 Jan 2026 10:30:12 GMT", clock)).isEqualTo(Duration.ofSeconds(12));
		assertThat(RetryAfter.parse("Thu, 15 Jan 2026 10:29:00 GMT", clock)).isEqualTo(Duration.ZERO);
		assertThat(RetryAfter.parse("soon", clock)).isNull();
		assertThat(RetryAfter.parse("-3", clock)).isNull();
		assertThat(RetryAfter.parse(null, clock)).isNull();
	}

	private long waitAfter(int attempt, Throwable failure) {
		return this.retry.<Object>getIntervalBiFunction().apply(attempt, Either.left(failure));
	}

	private static SendPulseRateLimitException rateLimited(Duration retryAfter) {
		return new SendPulseRateLimitException("429", 429, null, 1, retryAfter);
	}

}
