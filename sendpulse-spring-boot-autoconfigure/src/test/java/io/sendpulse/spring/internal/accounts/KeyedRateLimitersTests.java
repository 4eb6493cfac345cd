package io.sendpulse.spring.internal.accounts;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.sendpulse.spring.internal.ratelimit.InMemoryPlaceStore;
import io.sendpulse.spring.internal.ratelimit.Place;
import io.sendpulse.spring.internal.ratelimit.PlaceStore;
import io.sendpulse.spring.internal.ratelimit.SlidingWindowRateLimiter;
import io.sendpulse.spring.internal.ratelimit.redis.RedisPlaceStore;
import io.sendpulse.spring.internal.ratelimit.redis.RedisTestServer;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The limiters of keys seen at run time: beyond the capacity, idle ones are dropped and
 * busy ones kept, whichever store holds their places.
 */
class KeyedRateLimitersTests {

	// Long enough for every tenant's place to be taken and released within one period on
	// a loaded machine: each is held a period after its release.
	private static final Duration PERIOD = Duration.ofSeconds(2);

	// Each key's first place is free: nobody waits, but Redis may be slow to answer on a
	// loaded machine.
	private static final RateLimiterConfig CONFIG = RateLimiterConfig.custom()
		.limitForPeriod(5)
		.limitRefreshPeriod(PERIOD)
		.timeoutDuration(Duration.ofSeconds(2))
		.build();

	@Test
	void dropsTheLimitersOfKeysWhosePlacesAreNoLongerHeldInMemory() {
		dropsIdleLimitersBeyondTheCapacity((apiKey) -> new InMemoryPlaceStore());
	}

	@Test
	void dropsTheLimitersOfKeysWhosePlacesAreNoLongerHeldInRedis() {
		// Once a key's holds have ended in Redis, its limiter is idle, though this
		// instance took no place since: otherwise a fleet sending for many keys would
		// keep a limiter for every key it ever saw.
		try (RedisTestServer server = new RedisTestServer()) {
			LettuceConnectionFactory factory = new LettuceConnectionFactory(
					new RedisStandaloneConfiguration("127.0.0.1", server.port()));
			factory.afterPropertiesSet();
			factory.start();
			try {
				ReactiveStringRedisTemplate redis = new ReactiveStringRedisTemplate(factory);
				dropsIdleLimitersBeyondTheCapacity((apiKey) -> new RedisPlaceStore(redis, apiKey,
						Duration.ofSeconds(30), PERIOD, Duration.ofSeconds(5)));
			}
			finally {
				factory.destroy();
			}
		}
	}

	@Test
	void aDroppedLimiterThatIsStillUsedIsTheKeysLimiterAgain() {
		// An account object the application holds keeps its limiter, however many other
		// keys pass by: asked for again, its key gets that limiter, not a second one.
		KeyedRateLimiters limiters = new KeyedRateLimiters(2);
		RateLimiter held = limiters.runtime("sk-held",
				() -> new SlidingWindowRateLimiter("sendpulse", CONFIG, new InMemoryPlaceStore()));
		for (int i = 0; i < 5; i++) {
			place(limiters, "sk-passer-by-" + i, (apiKey) -> new InMemoryPlaceStore()).giveBack();
		}
		assertThat(limiters.keeps("sk-held")).isFalse();

		assertThat(limiters.find("sk-held")).isSameAs(held);
		assertThat(limiters.runtime("sk-held", () -> {
			throw new AssertionError("a second limiter for sk-held");
		})).isSameAs(held);
	}

	private void dropsIdleLimitersBeyondTheCapacity(Function<String, PlaceStore> stores) {
		KeyedRateLimiters limiters = new KeyedRateLimiters(2);
		Place busy = place(limiters, "sk-busy", stores);
		for (int i = 0; i < 5; i++) {
			place(limiters, "sk-tenant-" + i, stores).release();
		}
		// Each tenant's place is held one period after its release: none is idle yet.
		assertThat(limiters.runtimeKeys()).isEqualTo(6);

		// Each new key drops what has become idle since: the tenants, never the busy key.
		AtomicInteger newcomers = new AtomicInteger();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			place(limiters, "sk-newcomer-" + newcomers.incrementAndGet(), stores).giveBack();
			for (int i = 0; i < 5; i++) {
				assertThat(limiters.keeps("sk-tenant-" + i)).isFalse();
			}
		});
		assertThat(limiters.keeps("sk-busy")).isTrue();
		busy.release();
	}

	private static Place place(KeyedRateLimiters limiters, String apiKey, Function<String, PlaceStore> stores) {
		RateLimiter limiter = limiters.runtime(apiKey,
				() -> new SlidingWindowRateLimiter("sendpulse", CONFIG, stores.apply(apiKey)));
		return ((SlidingWindowRateLimiter) limiter).acquire().block(Duration.ofSeconds(5));
	}

}
