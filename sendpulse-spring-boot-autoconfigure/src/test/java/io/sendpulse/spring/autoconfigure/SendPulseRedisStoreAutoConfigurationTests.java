package io.sendpulse.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.sendpulse.spring.internal.ratelimit.InMemoryPlaceStore;
import io.sendpulse.spring.internal.ratelimit.PlaceStore;
import io.sendpulse.spring.internal.ratelimit.redis.RedisPlaceStore;
import io.sendpulse.spring.sms.SmsTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code sendpulse.store} chooses where the rate limiter's places live, and what an
 * application that asks for Redis without a Redis connection is told. No Redis server is
 * needed: nothing here connects (see {@code RedisFleetTests} for the real thing).
 */
class SendPulseRedisStoreAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(DataRedisAutoConfiguration.class, DataRedisReactiveAutoConfiguration.class,
						WebClientAutoConfiguration.class, SendPulseAutoConfiguration.class))
		.withPropertyValues("sendpulse.api-key=sk-test", "sendpulse.sms.from=MyShop");

	@Test
	void keepsThePlacesInMemoryByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(PlaceStore.class);
			assertThat(context).hasSingleBean(RateLimiter.class);
		});
	}

	@Test
	void keepsThePlacesInRedisThroughTheApplicationsConnection() {
		this.contextRunner.withPropertyValues("sendpulse.store=redis").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(RedisPlaceStore.class);
			assertThat(context).hasSingleBean(RateLimiter.class);
		});
	}

	@Test
	void startsAsBeforeWithoutSpringDataRedis() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(SmsTemplate.class);
			assertThat(context).doesNotHaveBean(PlaceStore.class);
		});
	}

	@Test
	void failsAtStartupSayingWhatToAddWhenSpringDataRedisIsMissing() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("sendpulse.store=redis")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("sendpulse.store=redis")
					.contains("Spring Data Redis is not on the classpath");
				assertThat(analysis.getAction()).contains("spring-boot-starter-data-redis")
					.contains("spring.data.redis.");
			});
	}

	@Test
	void failsAtStartupSayingWhatToAddWithoutAReactiveRedisConnection() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(WebClientAutoConfiguration.class, SendPulseAutoConfiguration.class))
			.withPropertyValues("sendpulse.api-key=sk-test", "sendpulse.store=redis")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("no reactive Redis connection");
				assertThat(analysis.getAction()).contains("spring-boot-starter-data-redis");
			});
	}

	@Test
	void aUserPlaceStoreWins() {
		PlaceStore own = new InMemoryPlaceStore();
		this.contextRunner.withPropertyValues("sendpulse.store=redis")
			.withBean(PlaceStore.class, () -> own)
			.run((context) -> assertThat(context.getBean(PlaceStore.class)).isSameAs(own));
	}

	@Test
	void theFailureAnalyzerIsRegistered() throws IOException {
		List<String> registrations = new ArrayList<>();
		Enumeration<URL> factories = getClass().getClassLoader().getResources("META-INF/spring.factories");
		while (factories.hasMoreElements()) {
			try (InputStream in = factories.nextElement().openStream()) {
				registrations.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		assertThat(registrations).anySatisfy((registration) -> assertThat(registration)
			.contains(MissingRedisConnectionFailureAnalyzer.class.getName()));
	}

	private static FailureAnalysis analyze(Throwable failure) {
		FailureAnalysis analysis = new MissingRedisConnectionFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("failure analysis").isNotNull();
		return analysis;
	}

}
