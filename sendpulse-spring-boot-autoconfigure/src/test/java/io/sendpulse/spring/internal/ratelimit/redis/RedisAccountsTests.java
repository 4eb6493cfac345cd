package io.sendpulse.spring.internal.ratelimit.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.sendpulse.spring.SendPulseRateLimitException;
import io.sendpulse.spring.TestServerLoops;
import io.sendpulse.spring.accounts.SendPulseAccounts;
import io.sendpulse.spring.autoconfigure.SendPulseAutoConfiguration;
import io.sendpulse.spring.sms.SmsRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Several accounts with {@code sendpulse.store=redis}: each API key has its places under
 * its own key's hash, shared by every instance, and one saturated key never holds up
 * another.
 */
class RedisAccountsTests {

	private static RedisTestServer redis;

	// Keys of their own for each run, so that no run finds another's places held.
	private final String defaultKey = "sk-default-" + UUID.randomUUID();

	private final String euKey = "sk-eu-" + UUID.randomUUID();

	private final Map<String, AtomicInteger> arrivalsByKey = new ConcurrentHashMap<>();

	private final DisposableServer api = HttpServer.create()
		.runOn(TestServerLoops.LOOPS)
		.host("127.0.0.1")
		.port(0)
		.handle((request, response) -> {
			String authorization = request.requestHeaders().get("Authorization");
			this.arrivalsByKey.computeIfAbsent(String.valueOf(authorization), (key) -> new AtomicInteger())
				.incrementAndGet();
			return response.header("Content-Type", "application/json").sendString(Mono.just("""
					{"id":"msg_1","to":"+14155550123","status":"queued","segments":1,"cost":0.0075}""")).then();
		})
		.bindNow();

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@BeforeAll
	static void startRedis() {
		redis = new RedisTestServer();
	}

	@AfterAll
	static void stopRedis() {
		redis.close();
	}

	@AfterEach
	void stop() {
		// A loaded machine gets time to close its connections.
		this.api.disposeNow(Duration.ofSeconds(15));
		this.instances.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void eachKeyHasItsOwnLimitSharedByEveryInstance() {
		SendPulseAccounts first = start().getBean(SendPulseAccounts.class);
		SendPulseAccounts second = start().getBean(SendPulseAccounts.class);

		// One place per key for a minute: the default key's is taken on the first
		// instance, and the second instance finds it taken.
		first.sms(SendPulseAccounts.DEFAULT).send(request());
		assertThatExceptionOfType(SendPulseRateLimitException.class)
			.isThrownBy(() -> second.sms(SendPulseAccounts.DEFAULT).send(request()));

		// The eu key is another account's: its place is free, on either instance, once.
		second.sms("eu").send(request());
		assertThatExceptionOfType(SendPulseRateLimitException.class).isThrownBy(() -> first.sms("eu").send(request()));

		assertThat(this.arrivalsByKey).containsOnlyKeys("Bearer " + this.defaultKey, "Bearer " + this.euKey);
		assertThat(this.arrivalsByKey.values()).allSatisfy((count) -> assertThat(count).hasValue(1));
		assertThat(redisKeys()).anyMatch((key) -> key.startsWith(RedisPlaceStore.keyPrefix(this.defaultKey)))
			.anyMatch((key) -> key.startsWith(RedisPlaceStore.keyPrefix(this.euKey)))
			.noneMatch((key) -> key.contains(this.defaultKey) || key.contains(this.euKey));
	}

	private List<String> redisKeys() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory("127.0.0.1", redis.port());
		factory.start();
		try {
			return new ReactiveStringRedisTemplate(factory).keys("sendpulse:*")
				.collectList()
				.block(Duration.ofSeconds(10));
		}
		finally {
			factory.destroy();
		}
	}

	private ConfigurableApplicationContext start() {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(Instance.class)
			.web(WebApplicationType.NONE)
			.properties("sendpulse.api-key=" + this.defaultKey, "sendpulse.accounts.eu.api-key=" + this.euKey,
					"sendpulse.sms.from=MyShop", "sendpulse.store=redis", "sendpulse.retry.enabled=false",
					"sendpulse.rate-limit.limit-for-period=1", "sendpulse.rate-limit.refresh-period=60s",
					"sendpulse.rate-limit.timeout=200ms", "sendpulse.base-url=http://127.0.0.1:" + this.api.port(),
					"spring.data.redis.url=" + redis.url(), "spring.main.banner-mode=off")
			.run();
		this.instances.add(context);
		return context;
	}

	private static SmsRequest request() {
		return SmsRequest.builder().to("+14155550123").text("Hello").build();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, DataRedisReactiveAutoConfiguration.class,
			WebClientAutoConfiguration.class, SendPulseAutoConfiguration.class })
	static class Instance {

	}

}
