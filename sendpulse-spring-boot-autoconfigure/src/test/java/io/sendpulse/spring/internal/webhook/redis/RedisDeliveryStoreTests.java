package io.sendpulse.spring.internal.webhook.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.sendpulse.spring.internal.ratelimit.redis.RedisTestServer;
import io.sendpulse.spring.internal.webhook.DeliveryStore;
import io.sendpulse.spring.internal.webhook.DeliveryStore.Claim;
import io.sendpulse.spring.internal.webhook.DeliveryStore.Fingerprint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Redis delivery store against a real Redis server, each store on a connection of its
 * own, as on separate instances.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisDeliveryStoreTests {

	private static RedisTestServer server;

	private final List<LettuceConnectionFactory> connections = new ArrayList<>();

	// An account name of its own for each run, so that no run finds another's deliveries.
	private final String namespace = DeliveryStore.namespace("account-" + UUID.randomUUID());

	private final Fingerprint fingerprint = Fingerprint
		.of(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));

	private final Instant now = Instant.now();

	private final Instant expiry = this.now.plus(Duration.ofMinutes(5));

	@BeforeAll
	static void startRedis() {
		server = new RedisTestServer();
	}

	@AfterAll
	static void stopRedis() {
		server.close();
	}

	@AfterEach
	void closeConnections() {
		this.connections.forEach(LettuceConnectionFactory::destroy);
	}

	@Test
	void claimsADeliveryOnceAcrossInstancesAndAnswersLaterCopiesThatItWasPublished() {
		RedisDeliveryStore first = store(Duration.ofMinutes(1));
		RedisDeliveryStore second = store(Duration.ofMinutes(1));
		Claim claim = claim(first);
		assertThat(claim.isOwned()).isTrue();
		Claim copy = claim(second);
		assertThat(copy.isOwned()).isFalse();
		assertThat(copy.first()).isNotDone();
		claim.published();
		assertThat(copy.first().join()).isTrue();
		Claim later = claim(store(Duration.ofMinutes(1)));
		assertThat(later.isOwned()).isFalse();
		assertThat(later.first()).isCompletedWithValue(true);
		// A copy arriving at an instance that already knows: answered without Redis.
		assertThat(claim(second).first()).isCompletedWithValue(true);
	}

	@Test
	void remembersAPublishedDeliveryWhileItsBodyPassesTheTimestampCheckAndAMinuteMore() {
		Claim claim = claim(store(Duration.ofSeconds(10)));
		assertThat(ttl()).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10));
		claim.published();
		await().atMost(Duration.ofSeconds(10)).until(() -> ttl().compareTo(Duration.ofSeconds(10)) > 0);
		assertThat(ttl()).isBetween(Duration.ofMinutes(6).minusSeconds(10), Duration.ofMinutes(6));
		assertThat(key()).matches("sendpulse:webhook:account-[0-9a-f-]{36}:[0-9a-f]{64}");
	}

	@Test
	void releasesAFailedClaimSoThatTheRedeliveryIsPublishedByAnotherInstance() {
		RedisDeliveryStore first = store(Duration.ofMinutes(1));
		RedisDeliveryStore second = store(Duration.ofMinutes(1));
		Claim claim = claim(first);
		Claim copy = claim(second);
		claim.failed();
		assertThat(copy.first().join()).isFalse();
		assertThat(claim(second).isOwned()).isTrue();
		assertThat(claim(first).isOwned()).isFalse();
	}

	@Test
	void letsTheClaimOfAnInstanceThatDiedExpireSoThatTheRedeliveryIsPublished() {
		RedisDeliveryStore died = store(Duration.ofMillis(500));
		assertThat(claim(died).isOwned()).isTrue();
		RedisDeliveryStore other = store(Duration.ofMillis(500));
		Claim copy = claim(other);
		assertThat(copy.isOwned()).isFalse();
		assertThat(copy.first().join()).isFalse();
		assertThat(claim(other).isOwned()).isTrue();
	}

	@Test
	void keepsNamespacesApart() {
		RedisDeliveryStore store = store(Duration.ofMinutes(1));
		claim(store).published();
		String otherAccount = DeliveryStore.namespace("other-" + UUID.randomUUID());
		assertThat(store.claim(otherAccount, this.fingerprint, this.now, this.expiry).join().isOwned()).isTrue();
	}

	@Test
	void theHealthCheckThatPingsRedisAnswersWhatThatPingFound() {
		AtomicLong clock = new AtomicLong();
		RedisDeliveryStore store = new RedisDeliveryStore(new ReactiveStringRedisTemplate(connection()),
				Duration.ofMinutes(1), Duration.ofMillis(500), clock::get);
		assertThat(store.unreachable()).isNull();
		server.stop();
		try {
			// The next ping is due: this check waits for it, rather than answer what the
			// previous one found.
			clock.addAndGet(Duration.ofMillis(500).toNanos());
			assertThat(store.unreachable()).isNotNull();
		}
		finally {
			server.start();
		}
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			clock.addAndGet(Duration.ofMillis(500).toNanos());
			assertThat(store.unreachable()).isNull();
		});
	}

	@Test
	void fallsBackToEachInstancesMemoryWhileRedisIsDownAndSharesAgainWhenItReturns(CapturedOutput output) {
		RedisDeliveryStore first = store(Duration.ofMinutes(1));
		RedisDeliveryStore second = store(Duration.ofMinutes(1));
		claim(first).published();
		server.stop();
		Fingerprint duringOutage = Fingerprint.of("during".getBytes(StandardCharsets.UTF_8));
		try {
			Claim claim = first.claim(this.namespace, duringOutage, this.now, this.expiry).join();
			assertThat(claim.isOwned()).as("published at least once").isTrue();
			assertThat(first.unreachable()).isNotNull();
			claim.published();
			assertThat(first.claim(this.namespace, Fingerprint.of(new byte[1]), this.now, this.expiry).join().isOwned())
				.isTrue();
			assertThat(output).as("one warning per outage")
				.containsOnlyOnce("The SendPulse webhook delivery store (Redis) is unreachable");
			// This instance remembers; the other one publishes too, rather than drop it.
			assertThat(first.claim(this.namespace, duringOutage, this.now, this.expiry).join().isOwned()).isFalse();
			assertThat(second.claim(this.namespace, duringOutage, this.now, this.expiry).join().isOwned()).isTrue();
		}
		finally {
			server.start();
		}
		// Each connection reconnects in its own time: then the fleet shares one memory.
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			Fingerprint afterOutage = Fingerprint.of(UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
			assertThat(first.claim(this.namespace, afterOutage, this.now, this.expiry).join().isOwned()).isTrue();
			assertThat(second.claim(this.namespace, afterOutage, this.now, this.expiry).join().isOwned()).isFalse();
		});
		assertThat(first.unreachable()).isNull();
		// What was published during the outage is known to the fleet again.
		ReactiveStringRedisTemplate redis = new ReactiveStringRedisTemplate(this.connections.get(0));
		await().atMost(Duration.ofSeconds(30))
			.until(() -> "done:200".equals(redis.opsForValue()
				.get(RedisDeliveryStore.key(this.namespace, duringOutage))
				.block(Duration.ofSeconds(5))));
		Claim later = store(Duration.ofMinutes(1)).claim(this.namespace, duringOutage, this.now, this.expiry).join();
		assertThat(later.isOwned()).isFalse();
		assertThat(later.first()).isCompletedWithValue(true);
		assertThat(output).contains("answers again");
	}

	private Claim claim(RedisDeliveryStore store) {
		return store.claim(this.namespace, this.fingerprint, this.now, this.expiry).join();
	}

	private String key() {
		return RedisDeliveryStore.key(this.namespace, this.fingerprint);
	}

	private Duration ttl() {
		ReactiveStringRedisTemplate redis = new ReactiveStringRedisTemplate(this.connections.get(0));
		return redis.getExpire(key()).blockOptional(Duration.ofSeconds(5)).orElse(Duration.ZERO);
	}

	private RedisDeliveryStore store(Duration claimExpiry) {
		return new RedisDeliveryStore(new ReactiveStringRedisTemplate(connection()), claimExpiry,
				Duration.ofMillis(500));
	}

	private LettuceConnectionFactory connection() {
		LettuceConnectionFactory connection = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", server.port()));
		connection.afterPropertiesSet();
		connection.start();
		this.connections.add(connection);
		return connection;
	}

}
