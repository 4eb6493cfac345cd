package io.sendpulse.spring.internal.ratelimit.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.sendpulse.spring.internal.ratelimit.NoPlaceException;
import io.sendpulse.spring.internal.ratelimit.PlaceStore.Take;
import io.sendpulse.spring.internal.ratelimit.PlaceStoreClosedException;
import io.sendpulse.spring.internal.ratelimit.SlidingWindowRateLimiter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The Redis store against a real Redis server: what a take and a release do to the shared
 * places, and that everything it writes expires.
 */
class RedisPlaceStoreTests {

	private static final String API_KEY = "sk-live-secret";

	private static final Duration PERIOD = Duration.ofMillis(300);

	private static RedisTestServer server;

	private static LettuceConnectionFactory connectionFactory;

	private static ReactiveStringRedisTemplate redis;

	@BeforeAll
	static void startRedis() {
		server = new RedisTestServer();
		connectionFactory = startedFactory(server.port());
		redis = new ReactiveStringRedisTemplate(connectionFactory);
		// Connect once, however slow the machine, before the tests time their commands.
		redis.hasKey("warm-up").block(Duration.ofSeconds(30));
	}

	@AfterAll
	static void stopRedis() {
		connectionFactory.destroy();
		server.close();
	}

	@AfterEach
	void flush() {
		redis.execute((connection) -> connection.serverCommands().flushAll()).blockLast();
	}

	@Test
	void takesUpToTheLimitAtOnceAcrossStores() {
		// Two stores on one connection stand for two instances: what counts is the key.
		RedisPlaceStore one = store(Duration.ofSeconds(30));
		RedisPlaceStore other = store(Duration.ofSeconds(30));

		List<Take> takes = Flux.range(0, 10)
			.flatMap((i) -> ((i % 2 == 0) ? one : other).take(4))
			.collectList()
			.block(Duration.ofSeconds(5));

		assertThat(takes).filteredOn(Take::taken).hasSize(4);
		assertThat(takes).filteredOn(Take::taken).extracting(Take::place).doesNotHaveDuplicates();
		// Every place is in flight: look again in one period, the soonest any frees up.
		assertThat(takes).filteredOn((take) -> !take.taken())
			.allSatisfy((take) -> assertThat(take.freesIn()).isEqualTo(PERIOD));
		assertThat(one.held()).isEqualTo(4);
	}

	@Test
	void theCountOfHeldPlacesFollowsRedisWhenThisInstanceStopsTaking() {
		RedisPlaceStore idle = store(Duration.ofSeconds(30));
		RedisPlaceStore busy = store(Duration.ofSeconds(30));
		Take first = idle.take(5).block();
		Take second = idle.take(5).block();
		assertThat(idle.held()).isEqualTo(2);

		// Its holds end, and another instance takes three places: this one, which takes
		// none, still tells how many are held (a metric, and whether its limiter is
		// idle).
		idle.release(first.place(), PERIOD).block();
		idle.release(second.place(), PERIOD).block();
		await().atMost(Duration.ofSeconds(5)).until(() -> idle.held() == 0);
		for (int i = 0; i < 3; i++) {
			assertThat(busy.take(5).block().taken()).isTrue();
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> idle.held() == 3);
	}

	@Test
	void countsEveryPlaceHeldWhileTheFenceStands() {
		RedisPlaceStore store = store(Duration.ofSeconds(30));
		Take taken = store.take(4).block();
		store.release(taken.place(), Duration.ZERO).block();
		await().atMost(Duration.ofSeconds(5)).until(() -> store.held() == 0);

		// Redis lost its state: until the fence ends, no place can be taken.
		flush();
		assertThat(store.take(4).block().taken()).isFalse();
		assertThat(store.held()).isEqualTo(4);
		await().atMost(Duration.ofSeconds(5)).until(() -> store.held() == 0);
	}

	@Test
	void saysRedisRefusedTheCredentialsRatherThanThatItIsUnreachable() {
		try (RedisTestServer guarded = new RedisTestServer()) {
			LettuceConnectionFactory admin = startedFactory(guarded.port());
			new ReactiveStringRedisTemplate(admin)
				.execute((connection) -> connection.serverCommands().setConfig("requirepass", "right-secret-1"))
				.blockLast(Duration.ofSeconds(10));
			admin.destroy();
			RedisStandaloneConfiguration wrong = new RedisStandaloneConfiguration("127.0.0.1", guarded.port());
			wrong.setPassword("wrong-secret-2");
			LettuceConnectionFactory factory = new LettuceConnectionFactory(wrong);
			factory.afterPropertiesSet();
			factory.start();
			try {
				RedisPlaceStore store = storeOver(factory, Duration.ofSeconds(5));
				assertThatExceptionOfType(RedisStoreUnavailableException.class)
					.isThrownBy(() -> store.take(1).block(Duration.ofSeconds(10)))
					.withMessageContaining("Redis refused the credentials (WRONGPASS)")
					.withMessageNotContaining("secret");
				assertThat(store.unreachable()).contains("Redis refused the credentials");
			}
			finally {
				factory.destroy();
			}
		}
	}

	@Test
	void anInstanceThatTookNoPlaceButSawThePlacesHoldsEveryPlaceWhenRedisLostThem() {
		RedisPlaceStore sender = store(Duration.ofSeconds(30));
		for (int i = 0; i < 3; i++) {
			assertThat(sender.take(3).block().taken()).isTrue();
		}
		// Another instance, which has sent nothing yet, counted the places when its
		// store was made.
		RedisPlaceStore quiet = store(Duration.ofSeconds(30));
		await().atMost(Duration.ofSeconds(5)).until(() -> quiet.held() == 3);

		// A restart without persistence; the quiet instance asks first.
		flush();
		Take afterLoss = quiet.take(3).block();

		assertThat(afterLoss.taken()).as("the lost holds are held one more period").isFalse();
		assertThat(sender.take(3).block().taken()).isFalse();
		await().atMost(Duration.ofSeconds(5)).until(() -> quiet.take(3).block().taken());
	}

	@Test
	void aReleasedPlaceIsHeldForItsHoldThenFreesUp() {
		RedisPlaceStore store = store(Duration.ofSeconds(30));
		Take taken = store.take(1).block();
		assertThat(taken.taken()).isTrue();

		store.release(taken.place(), PERIOD).block();
		Take full = store.take(1).block();

		assertThat(full.taken()).isFalse();
		assertThat(full.freesIn()).isBetween(Duration.ofMillis(1), PERIOD.plusMillis(1));
		await().atMost(Duration.ofSeconds(5)).until(() -> store.take(1).block().taken());
	}

	@Test
	void holdsEveryPlaceForOnePeriodWhenRedisLostItsStateUnderAStoreThatHadTakenPlaces() {
		RedisPlaceStore store = store(Duration.ofSeconds(30));
		Take taken = store.take(3).block();
		store.release(taken.place(), Duration.ZERO).block();

		// A restart without persistence: the holds of the last period are gone.
		flush();
		Take afterLoss = store.take(3).block();
		Take newcomer = store(Duration.ofSeconds(30)).take(3).block();

		assertThat(afterLoss.taken()).isFalse();
		assertThat(afterLoss.freesIn()).isBetween(Duration.ofMillis(1), PERIOD);
		assertThat(newcomer.taken()).as("the fence holds for every instance").isFalse();
		await().atMost(Duration.ofSeconds(5)).until(() -> store.take(3).block().taken());
		assertThat(store(Duration.ofSeconds(30)).take(3).block().taken()).isTrue();
	}

	@Test
	void theFenceAfterALossIsOneEntryWhateverTheLimit() {
		int limit = 10_000_000;
		RedisPlaceStore store = store(Duration.ofSeconds(30));
		Take taken = store.take(limit).block();
		store.release(taken.place(), Duration.ZERO).block();
		flush();

		Take afterLoss = store.take(limit).block();

		assertThat(afterLoss.taken()).isFalse();
		assertThat(redis.opsForZSet().size(RedisPlaceStore.keyPrefix(API_KEY) + ":places").block())
			.as("entries Redis holds for a fence of %d places", limit)
			.isEqualTo(1);
		await().atMost(Duration.ofSeconds(5)).until(() -> store.take(limit).block().taken());
	}

	@Test
	void aFreshStoreLetsTheFirstRequestsGoAtOnce() {
		assertThat(store(Duration.ofSeconds(30)).take(1).block().taken()).isTrue();
	}

	@Test
	void aPlaceNeverSentFreesUpAtOnce() {
		RedisPlaceStore store = store(Duration.ofSeconds(30));
		Take taken = store.take(1).block();

		store.release(taken.place(), Duration.ZERO).block();

		assertThat(store.take(1).block().taken()).isTrue();
	}

	@Test
	void aPlaceTakenButNeverReleasedFreesItselfAfterTheInFlightBound() {
		// An instance that dies mid-request never releases its place.
		RedisPlaceStore crashed = store(Duration.ofMillis(400));
		assertThat(crashed.take(1).block().taken()).isTrue();

		RedisPlaceStore survivor = store(Duration.ofMillis(400));
		assertThat(survivor.take(1).block().taken()).isFalse();

		await().atMost(Duration.ofSeconds(5)).until(() -> survivor.take(1).block().taken());
	}

	@Test
	void keysDeriveFromAHashOfTheApiKeyAndAllExpire() {
		RedisPlaceStore store = store(Duration.ofSeconds(30));
		Take taken = store.take(3).block();
		store.release(taken.place(), PERIOD).block();
		store.take(3).block();

		List<String> keys = redis.keys("*").collectList().block();
		assertThat(keys).isNotEmpty()
			.allSatisfy((key) -> assertThat(key).startsWith(RedisPlaceStore.keyPrefix(API_KEY))
				.doesNotContain(API_KEY)
				.matches("sendpulse:ratelimit:\\{[0-9a-f]{64}\\}:.*"));
		for (String key : keys) {
			assertThat(redis.getExpire(key).block()).as("expiry of %s", key).isPositive();
		}
	}

	@Test
	void failsNamingTheStoreWhenRedisAnswersNothingInTime() {
		LettuceConnectionFactory unreachable = startedFactory(1);
		try {
			RedisPlaceStore store = storeOver(unreachable, Duration.ofMillis(200));
			assertThatExceptionOfType(RedisStoreUnavailableException.class)
				.isThrownBy(() -> store.take(1).block(Duration.ofSeconds(5)))
				.withMessageStartingWith("the rate-limit store (Redis) is unreachable");
		}
		finally {
			unreachable.destroy();
		}
	}

	@Test
	void aCallerIsRefusedWhenItsTimeIsUpThoughRedisHasNotAnsweredYet() {
		// Redis up but answering nobody (CLIENT PAUSE, as under a long fork or a
		// blocking script): the take hangs until the store's command timeout, here far
		// longer than the caller's rate-limit timeout, which alone decides the refusal.
		LettuceConnectionFactory paused = startedFactory(server.port());
		try {
			RedisPlaceStore store = storeOver(paused, Duration.ofSeconds(20));
			SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter("paused",
					RateLimiterConfig.custom()
						.limitForPeriod(1)
						.limitRefreshPeriod(PERIOD)
						.timeoutDuration(Duration.ofMillis(300))
						.build(),
					store);
			try (RedisConnection admin = connectionFactory.getConnection()) {
				admin.execute("CLIENT", "PAUSE".getBytes(StandardCharsets.US_ASCII),
						"3000".getBytes(StandardCharsets.US_ASCII));
			}
			long start = System.nanoTime();
			StepVerifier.create(limiter.acquire())
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(NoPlaceException.class)
					.hasMessageContaining("within 300 ms")
					.hasMessageContaining(
							"the rate-limit store (Redis) is unreachable: an attempt to take a place got no answer in time"))
				.verify(Duration.ofSeconds(10));
			// Long before Redis answers again (3 s) or the command times out (20 s).
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(2500));
		}
		finally {
			await().atMost(Duration.ofSeconds(10))
				.until(() -> "PONG".equals(redis.execute((connection) -> connection.ping()).blockLast()));
			paused.destroy();
		}
	}

	@Test
	void aStoreWhoseConnectionFactoryStoppedRefusesEveryWaiterAtOnceSayingSo() {
		// As when a bean's destroy method sends: Spring stops the factory first.
		LettuceConnectionFactory closing = startedFactory(server.port());
		try {
			RedisPlaceStore store = storeOver(closing, Duration.ofSeconds(2));
			assertThat(store.take(1).block(Duration.ofSeconds(10)).taken()).isTrue();
			closing.stop();
			assertThatExceptionOfType(PlaceStoreClosedException.class)
				.isThrownBy(() -> store.take(1).block(Duration.ofSeconds(5)))
				.withMessageContaining("connection factory has stopped");
			SlidingWindowRateLimiter limiter = new SlidingWindowRateLimiter("closing",
					RateLimiterConfig.custom()
						.limitForPeriod(1)
						.limitRefreshPeriod(PERIOD)
						.timeoutDuration(Duration.ofMinutes(1))
						.build(),
					store);
			// Both refused long before the minute a waiter would wait for a place.
			StepVerifier.create(Flux.merge(limiter.acquire().materialize(), limiter.acquire().materialize()))
				.expectNextCount(2)
				.expectComplete()
				.verify(Duration.ofSeconds(10));
			StepVerifier.create(limiter.acquire())
				.expectErrorSatisfies((ex) -> assertThat(ex).isInstanceOf(NoPlaceException.class)
					.hasMessageContaining("the rate-limit store (Redis) is closed"))
				.verify(Duration.ofSeconds(10));
		}
		finally {
			closing.destroy();
		}
	}

	@Test
	void aConnectionFactoryNotStartedYetIsNotTakenForAClosedOne() {
		// Not started yet (a send from @PostConstruct, before the lifecycle starts it):
		// isRunning() is false, as when it has stopped, but its refusal is an
		// unreachable store, which waiting for the lifecycle may cure, not a closed one.
		LettuceConnectionFactory notStarted = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", server.port()));
		notStarted.setEarlyStartup(false);
		notStarted.afterPropertiesSet();
		try {
			assertThat(notStarted.isRunning()).isFalse();
			RedisPlaceStore store = storeOver(notStarted, Duration.ofSeconds(2));
			assertThatExceptionOfType(RedisStoreUnavailableException.class)
				.isThrownBy(() -> store.take(1).block(Duration.ofSeconds(10)))
				.withMessageStartingWith("the rate-limit store (Redis) is unreachable");
		}
		finally {
			notStarted.destroy();
		}
	}

	private static LettuceConnectionFactory startedFactory(int port) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", port));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	// A store of its own over the given factory, so that a test may stop it.
	private static RedisPlaceStore storeOver(LettuceConnectionFactory factory, Duration commandTimeout) {
		return new RedisPlaceStore(new ReactiveStringRedisTemplate(factory), API_KEY, Duration.ofSeconds(30), PERIOD,
				commandTimeout);
	}

	private RedisPlaceStore store(Duration inFlightBound) {
		return new RedisPlaceStore(redis, API_KEY, inFlightBound, PERIOD, Duration.ofSeconds(2));
	}

}
