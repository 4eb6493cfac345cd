package io.sendpulse.spring.internal.webhook.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import io.sendpulse.spring.internal.RedisFailures;
import io.sendpulse.spring.internal.RedisProbes;
import io.sendpulse.spring.internal.webhook.DeliveryStore;
import io.sendpulse.spring.internal.webhook.InMemoryDeliveryStore;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The deliveries of every instance, in Redis, one key per delivery:
 * {@code sendpulse:webhook:<namespace>:<fingerprint>}. A claim is
 * {@code SET key pending:<instance>:<n> NX PX <claim expiry>}; a published delivery
 * becomes {@code done:200} for as long as its body passes the timestamp check (plus a
 * margin for the instances' clocks); a failed one is deleted, if still this instance's
 * claim, so that its redelivery is published wherever it lands. A claim whose instance
 * died expires by itself. A copy that finds another instance's claim polls the key, from
 * a scheduler, never holding a thread, until it is done or gone.
 * <p>
 * This instance's own memory comes first: a copy arriving here while this instance
 * handles the delivery waits for it without asking Redis. When Redis does not answer
 * within the command timeout, that memory alone decides (each delivery is then published
 * at least once, perhaps once per instance, never dropped), a warning says so once per
 * outage, and Redis is asked again a moment later. A delivery published meanwhile is
 * written as done when Redis answers again, so that the fleet is back to one memory. Keys
 * hold a hash of the API key, never the key.
 */
public final class RedisDeliveryStore implements DeliveryStore {

	private static final Log logger = LogFactory.getLog(RedisDeliveryStore.class);

	private static final String DONE = "done:200";

	/** Answers the claim (the token) when it was free, else what holds it. */
	private static final RedisScript<String> CLAIM = RedisScript.of("""
			if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
				return ARGV[1]
			end
			return redis.call('GET', KEYS[1])
			""", String.class);

	/**
	 * Done, when the key is still this claim or was lost (Redis restarted, or the claim
	 * expired unanswered): never over another instance's claim.
	 */
	private static final RedisScript<Long> PUBLISHED = RedisScript.of("""
			local held = redis.call('GET', KEYS[1])
			if held == ARGV[1] or not held then
				redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
				return 1
			end
			return 0
			""", Long.class);

	private static final RedisScript<Long> FAILED = RedisScript.of("""
			if redis.call('GET', KEYS[1]) == ARGV[1] then
				return redis.call('DEL', KEYS[1])
			end
			return 0
			""", Long.class);

	/** Room for the instances' clocks to differ on a delivery's age. */
	private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

	private static final Duration FIRST_POLL = Duration.ofMillis(10);

	private static final Duration LONGEST_POLL = Duration.ofMillis(200);

	/** Asked by the health's ping: any key will do, none is written. */
	private static final String PROBE_KEY = "sendpulse:webhook:probe";

	private final ReactiveStringRedisTemplate redis;

	private final InMemoryDeliveryStore local = new InMemoryDeliveryStore();

	private final String instance = UUID.randomUUID().toString();

	private final AtomicLong claims = new AtomicLong();

	private final Duration claimExpiry;

	private final Duration commandTimeout;

	private final AtomicBoolean down = new AtomicBoolean();

	/** When Redis may be asked again while it is down, or pinged by the health. */
	private final AtomicLong askAgainAt;

	/** When the latest command was answered, and when the latest one was not. */
	private volatile long lastAnswer;

	private volatile long lastFailure;

	private final LongSupplier nanoClock;

	/**
	 * Create a store.
	 * @param redis the application's Redis connection
	 * @param claimExpiry how long a claim lasts when its instance never says how the
	 * publication ended (it died): longer than listeners take, short enough that the
	 * redelivery that follows is published
	 * @param commandTimeout how long to wait for Redis before treating it as unreachable
	 */
	public RedisDeliveryStore(ReactiveStringRedisTemplate redis, Duration claimExpiry, Duration commandTimeout) {
		this(redis, claimExpiry, commandTimeout, System::nanoTime);
	}

	RedisDeliveryStore(ReactiveStringRedisTemplate redis, Duration claimExpiry, Duration commandTimeout,
			LongSupplier nanoClock) {
		this.redis = redis;
		this.claimExpiry = claimExpiry;
		this.commandTimeout = commandTimeout;
		this.nanoClock = nanoClock;
		this.askAgainAt = new AtomicLong(nanoClock.getAsLong());
		this.lastAnswer = nanoClock.getAsLong();
		this.lastFailure = this.lastAnswer;
	}

	/**
	 * The key of a delivery.
	 * @param namespace the account's namespace
	 * @param fingerprint the body's fingerprint
	 * @return the key
	 */
	public static String key(String namespace, Fingerprint fingerprint) {
		return "sendpulse:webhook:" + namespace + ":" + fingerprint.toHex();
	}

	/**
	 * Why Redis is unreachable, while it is. Asked (by the health), it also pings Redis,
	 * at most once per command timeout, and waits for that answer (at most the command
	 * timeout, and not on a thread that must not block), so that the check shows Redis
	 * gone or back without waiting for a delivery, and without lagging one check behind.
	 * @return the reason, or {@code null} while Redis answers
	 */
	@Override
	public @Nullable String unreachable() {
		long now = this.nanoClock.getAsLong();
		long due = this.askAgainAt.get();
		if (now - due >= 0 && this.askAgainAt.compareAndSet(due, now + this.commandTimeout.toNanos())) {
			CompletableFuture<Void> probed = new CompletableFuture<>();
			// One key, so one node of a cluster, as a claim asks (a PING asks every
			// node). A late answer does not undo a newer command's.
			this.redis.hasKey(PROBE_KEY).timeout(this.commandTimeout).subscribe((exists) -> {
				if (this.lastFailure - now <= 0) {
					answered();
				}
				probed.complete(null);
			}, (ex) -> {
				if (this.lastAnswer - now <= 0) {
					unanswered(ex);
				}
				probed.complete(null);
			});
			RedisProbes.await(probed, this.commandTimeout);
		}
		return this.down.get() ? "the webhook delivery store (Redis) is unreachable" : null;
	}

	@Override
	public CompletableFuture<Claim> claim(String namespace, Fingerprint fingerprint, Instant now, Instant expiry) {
		Claim local = this.local.claimNow(namespace, fingerprint, now, expiry);
		if (!local.isOwned()) {
			return CompletableFuture.completedFuture(local);
		}
		String key = key(namespace, fingerprint);
		String token = "pending:" + this.instance + ":" + this.claims.incrementAndGet();
		Duration remember = Duration.between(now, expiry);
		remember = (remember.isNegative() ? Duration.ZERO : remember).plus(CLOCK_MARGIN);
		Claim owned = owned(local, key, token, remember);
		if (this.down.get() && this.nanoClock.getAsLong() - this.askAgainAt.get() < 0) {
			return CompletableFuture.completedFuture(owned);
		}
		CompletableFuture<Claim> claim = new CompletableFuture<>();
		this.redis.execute(CLAIM, List.of(key), List.of(token, Long.toString(this.claimExpiry.toMillis())))
			.next()
			.timeout(this.commandTimeout)
			.subscribe((held) -> {
				answered();
				if (held.equals(token)) {
					claim.complete(owned);
				}
				else if (held.equals(DONE)) {
					local.published();
					claim.complete(Claim.copyOf(CompletableFuture.completedFuture(true)));
				}
				else {
					// Another instance's claim: this instance's copies wait for it too.
					CompletableFuture<Boolean> first = new CompletableFuture<>();
					first.whenComplete((published, ex) -> {
						if (Boolean.TRUE.equals(published)) {
							local.published();
						}
						else {
							local.failed();
						}
					});
					poll(key, first, FIRST_POLL);
					claim.complete(Claim.copyOf(first));
				}
			}, (ex) -> {
				unanswered(ex);
				claim.complete(owned);
			});
		return claim;
	}

	// Written even after a claim that timed out: a connection that queued the claim
	// carries it out later, and this settles it.
	private Claim owned(Claim local, String key, String token, Duration remember) {
		return Claim.owned(() -> {
			local.published();
			this.redis.execute(PUBLISHED, List.of(key), List.of(token, DONE, Long.toString(remember.toMillis())))
				.subscribe((written) -> answered(), (ex) -> {
					// Then copies elsewhere wait until the claim expires: at least once.
				});
		}, () -> {
			local.failed();
			this.redis.execute(FAILED, List.of(key), List.of(token)).subscribe((deleted) -> answered(), (ex) -> {
				// Then the claim expires by itself.
			});
		});
	}

	private void poll(String key, CompletableFuture<Boolean> first, Duration delay) {
		Mono.delay(delay)
			.then(this.redis.opsForValue().get(key).timeout(this.commandTimeout))
			.defaultIfEmpty("")
			.subscribe((held) -> {
				answered();
				if (held.equals(DONE)) {
					first.complete(true);
				}
				else if (held.isEmpty()) {
					// Released after a failure, or expired: the first did not publish.
					first.complete(false);
				}
				else {
					Duration next = delay.multipliedBy(2);
					poll(key, first, (next.compareTo(LONGEST_POLL) > 0) ? LONGEST_POLL : next);
				}
			}, (ex) -> {
				unanswered(ex);
				first.completeExceptionally(ex);
			});
	}

	private void answered() {
		this.lastAnswer = this.nanoClock.getAsLong();
		if (this.down.compareAndSet(true, false)) {
			logger.info("The SendPulse webhook delivery store (Redis) answers again: deliveries are "
					+ "deduplicated across instances again");
		}
	}

	private void unanswered(Throwable ex) {
		this.lastFailure = this.nanoClock.getAsLong();
		this.askAgainAt.set(this.lastFailure + this.commandTimeout.toNanos());
		if (this.down.compareAndSet(false, true)) {
			logger.warn("The SendPulse webhook delivery store (Redis) is unreachable (" + RedisFailures.describe(ex)
					+ "): until it answers, each instance deduplicates deliveries "
					+ "on its own, so an event may be published once per instance, never dropped");
		}
	}

}
