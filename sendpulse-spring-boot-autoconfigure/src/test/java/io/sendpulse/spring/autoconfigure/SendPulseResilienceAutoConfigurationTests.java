package io.sendpulse.spring.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.sendpulse.spring.SendPulseBadRequestException;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * How {@code sendpulse.rate-limit.*}, {@code sendpulse.retry.*}, user beans, customizers
 * and metrics shape the resilience of the auto-configured client.
 */
class SendPulseResilienceAutoConfigurationTests {

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class, SendPulseAutoConfiguration.class))
		.withPropertyValues("sendpulse.api-key=test-key", "sendpulse.sms.from=MyShop");

	@Test
	void buildsOneRateLimiterAndOneRetryFromTheProperties() {
		this.contextRunner
			.withPropertyValues("sendpulse.rate-limit.limit-for-period=50", "sendpulse.rate-limit.timeout=2s",
					"sendpulse.retry.max-attempts=4")
			.run((context) -> {
				RateLimiter limiter = context.getBean("sendPulseRateLimiter", RateLimiter.class);
				assertThat(limiter.getName()).isEqualTo("sendpulse");
				assertThat(limiter.getRateLimiterConfig().getTimeoutDuration()).isEqualTo(Duration.ofSeconds(2));
				assertThat(limiter.getRateLimiterConfig().getLimitForPeriod()).isEqualTo(50);
				assertThat(limiter.getRateLimiterConfig().getLimitRefreshPeriod()).isEqualTo(Duration.ofSeconds(1));
				assertThat(context.getBean("sendPulseRetry", Retry.class).getRetryConfig().getMaxAttempts())
					.isEqualTo(4);
			});
	}

	@Test
	void stopsStartupWhenMaxBackoffIsBelowInitialBackoffNamingBoth() {
		this.contextRunner.withPropertyValues("sendpulse.retry.initial-backoff=2s", "sendpulse.retry.max-backoff=500ms")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InvalidSendPulsePropertyFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription())
					.isEqualTo("sendpulse.retry.max-backoff (500ms) must be at least sendpulse.retry.initial-backoff "
							+ "(2s): raise max-backoff, or lower initial-backoff");
				assertThat(analysis.getAction()).startsWith("Update sendpulse.retry.max-backoff");
			});
	}

	@Test
	void stopsStartupWhenInitialBackoffAloneIsAboveTheDefaultMaxBackoff() {
		// The wait would silently be cut to the default 10s.
		this.contextRunner.withPropertyValues("sendpulse.retry.initial-backoff=20s").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageStartingWith(
						"sendpulse.retry.max-backoff (10s) must be at least sendpulse.retry.initial-backoff (20s)");
		});
	}

	@Test
	void takesAMaxBackoffEqualToTheInitialBackoff() {
		this.contextRunner.withPropertyValues("sendpulse.retry.initial-backoff=2s", "sendpulse.retry.max-backoff=2s")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RetryConfig config = context.getBean("sendPulseRetry", Retry.class).getRetryConfig();
				// Jitter of ±50% around 2s, capped at 2s.
				assertThat(config.getIntervalBiFunction().apply(1, Either.left(new IllegalStateException())))
					.isBetween(1000L, 2000L);
			});
	}

	@Test
	void takesBackoffsThatDoNothingWithRetriesOff() {
		this.contextRunner
			.withPropertyValues("sendpulse.retry.enabled=false", "sendpulse.retry.initial-backoff=2s",
					"sendpulse.retry.max-backoff=500ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean("sendPulseRetry");
			});
	}

	@Test
	void switchesBothOff() {
		this.contextRunner.withPropertyValues("sendpulse.rate-limit.enabled=false", "sendpulse.retry.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RateLimiter.class).doesNotHaveBean(Retry.class);
				assertThat(context).hasSingleBean(SmsTemplate.class);
			});
	}

	@Test
	void withRetriesOffAFailedCallIsNotRetried() {
		this.server.enqueue(new MockResponse.Builder().code(503).build());
		this.contextRunner
			.withPropertyValues("sendpulse.retry.enabled=false", "sendpulse.base-url=" + this.server.url("/"))
			.run((context) -> {
				SmsTemplate sms = context.getBean(SmsTemplate.class);
				assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> sms.send(request()));
				assertThat(this.server.getRequestCount()).isEqualTo(1);
			});
	}

	@Test
	void usesTheApplicationsOwnRateLimiterAndRetry() {
		this.contextRunner.withUserConfiguration(OwnResilience.class).run((context) -> {
			assertThat(context.getBean("sendPulseRateLimiter")).isSameAs(OwnResilience.LIMITER);
			assertThat(context.getBean("sendPulseRetry")).isSameAs(OwnResilience.RETRY);
		});
	}

	@Test
	void appliesCustomizersToTheConfigurationsItBuilds() {
		this.contextRunner.withUserConfiguration(Customizers.class).run((context) -> {
			assertThat(context.getBean("sendPulseRateLimiter", RateLimiter.class)
				.getRateLimiterConfig()
				.getTimeoutDuration()).isEqualTo(Duration.ofMillis(123));
			assertThat(context.getBean("sendPulseRetry", Retry.class).getRetryConfig().getMaxAttempts()).isEqualTo(7);
		});
	}

	@Test
	void reportsLimiterAndRetryMetricsUnderSendPulseNames() {
		this.contextRunner.run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(SendPulseMetrics.class).bindTo(registry);
			assertThat(registry.find("sendpulse.ratelimiter.available.permissions").tag("name", "sendpulse").gauge())
				.isNotNull();
			assertThat(registry.find("sendpulse.retry.calls").tag("name", "sendpulse").meters()).isNotEmpty();
		});
	}

	@Test
	void observesEachOperationWithLowCardinalityTags() {
		this.server.enqueue(new MockResponse.Builder().code(400)
			.body("{\"error\":{\"code\":\"invalid_parameter\",\"message\":\"bad\",\"param\":\"to\"}}")
			.build());
		List<Observation.Context> observed = new ArrayList<>();
		this.contextRunner.withPropertyValues("sendpulse.base-url=" + this.server.url("/"))
			.withBean(ObservationRegistry.class, () -> {
				ObservationRegistry registry = ObservationRegistry.create();
				registry.observationConfig().observationHandler(new ObservationHandler<>() {
					@Override
					public void onStop(Observation.Context context) {
						observed.add(context);
					}

					@Override
					public boolean supportsContext(Observation.Context context) {
						return true;
					}
				});
				return registry;
			})
			.run((context) -> {
				assertThatExceptionOfType(SendPulseBadRequestException.class)
					.isThrownBy(() -> context.getBean(SmsTemplate.class).send(request()));
				// The operation, and the WebClient's observation of its one attempt.
				List<Observation.Context> operations = observed.stream()
					.filter((candidate) -> "sendpulse.client.operations".equals(candidate.getName()))
					.toList();
				assertThat(operations).hasSize(1);
				Observation.Context operation = operations.get(0);
				assertThat(operation.getName()).isEqualTo("sendpulse.client.operations");
				assertThat(operation.getLowCardinalityKeyValue("operation").getValue()).isEqualTo("sms.send");
				assertThat(operation.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("failure");
				assertThat(operation.getLowCardinalityKeyValue("status").getValue()).isEqualTo("4xx");
			});
	}

	private static SmsRequest request() {
		return SmsRequest.builder().to("+14155550123").text("Hello").build();
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnResilience {

		static final RateLimiter LIMITER = RateLimiter.of("mine", RateLimiterConfig.ofDefaults());

		static final Retry RETRY = Retry.of("mine", RetryConfig.ofDefaults());

		@Bean
		RateLimiter sendPulseRateLimiter() {
			return LIMITER;
		}

		@Bean
		Retry sendPulseRetry() {
			return RETRY;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Customizers {

		@Bean
		SendPulseRateLimiterCustomizer shortTimeout() {
			return (builder) -> builder.timeoutDuration(Duration.ofMillis(123));
		}

		@Bean
		SendPulseRetryCustomizer moreAttempts() {
			return (builder) -> builder.maxAttempts(7);
		}

	}

}
