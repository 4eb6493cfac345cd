package io.sendpulse.spring.internal.ratelimit.redis;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.sendpulse.spring.internal.ApiKeyHash;
import io.sendpulse.spring.internal.RedisFailures;
import io.sendpulse.spring.internal.RedisProbes;
import io.sendpulse.spring.internal.ratelimit.PlaceStore;
import io.sendpulse.spring.internal.ratelimit.PlaceStoreClosedException;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.Lifecycle;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * The places of every instance sharing one API key, in one Redis sorted set: a place in
 * flight scored by the latest moment it may still be held (its take, plus the longest an
 * attempt lasts, plus one period), a released place scored by the end of its hold. A take
 * drops what has ended and adds a place when fewer than the limit are left, in one Lua
 * script, so two instances can never both take the last place; time is Redis's
 * ({@code TIME} inside the script), so the instances' clocks do not matter.
 * <p>
 * Every key expires: a place taken by an instance that died before releasing it ends by
 * its score, and the keys themselves once nobody uses them. An instance that has seen the
 * place numbers (by taking places, or by counting them: once when the store is made, and
 * when a metric or the health asks) and then finds them gone knows Redis lost its state
 * (a restart without persistence) and with it the holds of the last period: it holds
 * every place for one period before any is taken again (one fence entry, whatever the
 * limit, so a large limit costs Redis nothing), so the loss cannot let twice the limit
 * through. An instance that has seen nothing (one started after the loss) cannot tell a
 * lost state from a new one. The keys derive from a SHA-256 hash of the API key, never
 * the key itself.
 * <p>
 * Commands that Redis does not answer within the command timeout fail with a
 * {@link RedisStoreUnavailableException}, which the limiter treats as "no place": nothing
 * is sent on a store it cannot reach, and it asks again shortly. A take that Redis
 * carries out after it was given up on (a connection that queued it while reconnecting)
 * gives its place back.
 */
public final class RedisPlaceStore implements PlaceStore {

	/** Answers {@code taken <place> <held>} or {@code full <freesInMillis> <held>}. */
	private static final RedisScript<String> TAKE = RedisScript.of("""
			local t = redis.call('TIME')
			local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
			if tonumber(ARGV[4]) > 0 and redis.call('EXISTS', KEYS[2]) == 0 then
				redis.call('ZADD', KEYS[1], now + tonumber(ARGV[5]), 'fence')
				redis.call('SET', KEYS[2], 0, 'PX', tonumber(ARGV[3]))
				if redis.call('PTTL', KEYS[1]) < tonumber(ARGV[5]) + 1000 then
					redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[5]) + 1000)
				end
			end
			redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
			local fence = redis.call('ZSCORE', KEYS[1], 'fence')
			if fence then
				return 'full ' .. (tonumber(fence) - now) .. ' ' .. ARGV[1]
			end
			local held = redis.call('ZCARD', KEYS[1])
			if held < tonumber(ARGV[1]) then
				local bound = tonumber(ARGV[2])
				local place = redis.call('INCR', KEYS[2])
				redis.call('ZADD', KEYS[1], now + bound, place)
				redis.call('PEXPIRE', KEYS[1], bound + 1000)
				redis.call('PEXPIRE', KEYS[2], tonumber(ARGV[3]))
				return 'taken ' .. place .. ' ' .. (held + 1)
			end
			local first = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
			return 'full ' .. (tonumber(first[2]) - now) .. ' ' .. held
			""", String.class);

	/**
	 * Holds from now (plus the millisecond {@code TIME} was rounded down by), or frees at
	 * once for a hold of zero. Re-adds a place whose bound already ended: holding it is
	 * the safe side.
	 */
	private static final RedisScript<Long> RELEASE = RedisScript.of("""
			local hold = tonumber(ARGV[2])
			if hold <= 0 then
				return redis.call('ZREM', KEYS[1], ARGV[1])
			end
			local t = redis.call('TIME')
			local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
			redis.call('ZADD', KEYS[1], now + hold + 1, ARGV[1])
			if redis.call('PTTL', KEYS[1]) < hold + 1000 then
				redis.call('PEXPIRE', KEYS[1], hold + 1000)
			end
			return 1
			""", Long.class);

	/**
	 * Answers {@code <held> <last place number>}: the places held now, by every instance
	 * (all of them while the fence stands, its {@code ARGV[1]} being the limit, else
	 * those whose score has not passed), and the sequence, {@code 0} when there is none.
	 */
	private static final RedisScript<String> COUNT = RedisScript.of("""
			local t = redis.call('TIME')
			local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
			local sequence = redis.call('GET', KEYS[2]) or '0'
			local fence = redis.call('ZSCORE', KEYS[1], 'fence')
			if fence and tonumber(fence) > now then
				return ARGV[1] .. ' ' .. sequence
			end
			return redis.call('ZCOUNT', KEYS[1], '(' .. now, '+inf') .. ' ' .. sequence
			""", String.class);

	/** Place numbers must not repeat while any place is held: a day is plenty. */
	private static final Duration SEQUENCE_EXPIRY = Duration.ofDays(1);

	private final ReactiveStringRedisTemplate redis;

	private final List<String> keys;

	private final String inFlightBound;

	private final Duration pollAtMost;

	private final Duration commandTimeout;

	private final Scheduler scheduler;

	private final AtomicInteger held = new AtomicInteger();

	/** When the health may ask Redis again, on the scheduler's clock. */
	private final AtomicLong probeDueAt;

	/** When {@link #held} was last read from Redis, on the scheduler's clock. */
	private final AtomicLong heldAsOf;

	/** The limit of the latest take, for a count asked while the fence stands. */
	private volatile int limit;

	/**
	 * The highest place number this instance was given or counted: any means the store
	 * had state.
	 */
	private final AtomicLong lastPlace = new AtomicLong();

	/**
	 * Why the latest command failed, for the health; {@code null} once one is answered.
	 */
	private volatile @Nullable String unreachable;

	/**
	 * Create a store.
	 * @param redis the application's Redis connection
	 * @param apiKey the API key whose limit the places count (only its hash reaches
	 * Redis)
	 * @param inFlightBound the longest a place taken but never released stays held: the
	 * longest an attempt lasts plus one period, with a margin
	 * @param pollAtMost the longest to wait before asking again when every place is held
	 * by a request in flight: one period, as no such place frees up sooner
	 * @param commandTimeout how long to wait for Redis before treating it as unreachable
	 */
	public RedisPlaceStore(ReactiveStringRedisTemplate redis, String apiKey, Duration inFlightBound,
			Duration pollAtMost, Duration commandTimeout) {
		this(redis, apiKey, inFlightBound, pollAtMost, commandTimeout, Schedulers.parallel());
	}

	RedisPlaceStore(ReactiveStringRedisTemplate redis, String apiKey, Duration inFlightBound, Duration pollAtMost,
			Duration commandTimeout, Scheduler scheduler) {
		this.redis = redis;
		String prefix = keyPrefix(apiKey);
		// One hash tag, so that both keys live in one slot of a Redis Cluster.
		this.keys = List.of(prefix + ":places", prefix + ":sequence");
		this.inFlightBound = Long.toString(Math.max(inFlightBound.toMillis(), 1));
		this.pollAtMost = pollAtMost;
		this.commandTimeout = commandTimeout;
		this.scheduler = scheduler;
		this.heldAsOf = new AtomicLong(scheduler.now(TimeUnit.NANOSECONDS) - pollAtMost.toNanos());
		this.probeDueAt = new AtomicLong(scheduler.now(TimeUnit.NANOSECONDS));
		// What the fleet holds already, before this instance takes a place: a loss of
		// Redis's state is then noticed here too. In the background.
		held();
	}

	/**
	 * The prefix of the keys for one API key: {@code sendpulse:ratelimit:{<sha-256>}}.
	 * @param apiKey the API key
	 * @return the prefix
	 */
	public static String keyPrefix(String apiKey) {
		return "sendpulse:ratelimit:{" + ApiKeyHash.of(apiKey) + "}";
	}

	@Override
	public Mono<Take> take(int limit) {
		this.limit = limit;
		Mono<Take> take = this.redis.execute(TAKE, this.keys,
				List.of(Integer.toString(limit), this.inFlightBound, Long.toString(SEQUENCE_EXPIRY.toMillis()),
						Long.toString(this.lastPlace.get()), Long.toString(Math.max(this.pollAtMost.toMillis(), 1))))
			.next()
			.map(this::read);
		return withinTimeout(take, "take a place", (late) -> {
			if (late.taken()) {
				release(late.place(), Duration.ZERO).subscribe(null, (ex) -> {
					// Then the place ends by its bound.
				});
			}
		});
	}

	@Override
	public Mono<Void> release(long place, Duration holdFor) {
		Mono<Long> release = this.redis
			.execute(RELEASE, this.keys.subList(0, 1),
					List.of(Long.toString(place), Long.toString(Math.max(0, ceilMillis(holdFor)))))
			.next();
		return withinTimeout(release, "release a place", (late) -> {
		}).then();
	}

	/**
	 * Why the latest command failed, for the health. Asked, it also counts the places in
	 * Redis, at most once per command timeout, and waits for that answer (at most the
	 * command timeout, not on a thread that must not block): the health then shows Redis
	 * gone, or back, with no send needed to find out, and the count it shows is fresh.
	 */
	@Override
	public @Nullable String unreachable() {
		long now = this.scheduler.now(TimeUnit.NANOSECONDS);
		long due = this.probeDueAt.get();
		if (now - due >= 0 && this.probeDueAt.compareAndSet(due, now + this.commandTimeout.toNanos())) {
			CompletableFuture<Void> probed = new CompletableFuture<>();
			count().subscribe((answer) -> probed.complete(null), (ex) -> probed.complete(null),
					() -> probed.complete(null));
			RedisProbes.await(probed, this.commandTimeout);
		}
		return this.unreachable;
	}

	@Override
	public String kind() {
		return "redis";
	}

	@Override
	public Duration answersWithin() {
		return this.commandTimeout;
	}

	@Override
	public RuntimeException noAnswerInTime() {
		return new RedisStoreUnavailableException(
				"the rate-limit store (Redis) is unreachable: an attempt to take a place got no answer in time", null);
	}

	/**
	 * The number of places held, by every instance, when Redis was last asked: by a take,
	 * a count for the health, or, when those are one period old or more, by this call,
	 * which counts in the background and answers the previous count. Without it, an
	 * instance that stopped sending would show its last count for ever, and never let its
	 * limiter be dropped as idle.
	 */
	@Override
	public int held() {
		long now = this.scheduler.now(TimeUnit.NANOSECONDS);
		long asOf = this.heldAsOf.get();
		if (now - asOf >= this.pollAtMost.toNanos() && this.heldAsOf.compareAndSet(asOf, now)) {
			count().subscribe(null, (ex) -> {
				// Asked again one period later; the health shows the outage.
			});
		}
		return this.held.get();
	}

	/**
	 * Count the places held and read the sequence, off the caller's thread: a first
	 * command may open the connection, and the caller may be starting the application,
	 * hold a lock or be an event loop. While the fence stands every place is held,
	 * whatever the limit.
	 */
	private Mono<String> count() {
		int limit = (this.limit > 0) ? this.limit : Integer.MAX_VALUE;
		Mono<String> count = this.redis.execute(COUNT, this.keys, List.of(Integer.toString(limit)))
			.next()
			.subscribeOn(Schedulers.boundedElastic());
		return withinTimeout(count, "count the places", this::counted).doOnNext(this::counted);
	}

	private void counted(String answer) {
		String[] parts = answer.split(" ");
		this.held.set(Integer.parseInt(parts[0]));
		this.heldAsOf.set(this.scheduler.now(TimeUnit.NANOSECONDS));
		this.lastPlace.accumulateAndGet(Long.parseLong(parts[1]), Math::max);
	}

	private Take read(String answer) {
		String[] parts = answer.split(" ");
		this.held.set(Integer.parseInt(parts[2]));
		this.heldAsOf.set(this.scheduler.now(TimeUnit.NANOSECONDS));
		if (parts[0].equals("taken")) {
			long place = Long.parseLong(parts[1]);
			this.lastPlace.accumulateAndGet(place, Math::max);
			return Take.taken(place);
		}
		// The earliest score is a hold that ends (a released place) or the bound of a
		// place in flight, which frees up one period after its response at the soonest:
		// that is when to look again, whoever releases it.
		Duration freesIn = Duration.ofMillis(Math.max(Long.parseLong(parts[1]), 1));
		return Take.full((freesIn.compareTo(this.pollAtMost) < 0) ? freesIn : this.pollAtMost);
	}

	/**
	 * Wait for Redis up to the command timeout. The command itself is not cancelled: a
	 * connection that queues commands while it reconnects carries it out later, and its
	 * late answer goes to {@code lateAnswer}.
	 */
	private <T> Mono<T> withinTimeout(Mono<T> command, String what, Consumer<T> lateAnswer) {
		return Mono.create((sink) -> {
			AtomicBoolean answered = new AtomicBoolean();
			Disposable timer = this.scheduler.schedule(() -> {
				if (answered.compareAndSet(false, true)) {
					sink.error(failed(unreachable(what, null)));
				}
			}, this.commandTimeout.toNanos(), TimeUnit.NANOSECONDS);
			command.subscribe((value) -> {
				this.unreachable = null;
				if (answered.compareAndSet(false, true)) {
					timer.dispose();
					sink.success(value);
				}
				else {
					lateAnswer.accept(value);
				}
			}, (ex) -> {
				if (answered.compareAndSet(false, true)) {
					timer.dispose();
					sink.error(connectionFactoryStopped(ex) ? closed() : failed(unreachable(what, ex)));
				}
			}, () -> {
				this.unreachable = null;
				if (answered.compareAndSet(false, true)) {
					timer.dispose();
					sink.success();
				}
			});
		});
	}

	// Spring Data Redis's factory is a lifecycle bean, stopped as the application closes
	// and before its destroy methods run: no command gets through any more. Told by the
	// factory's own refusal, not by isRunning() alone, which is false before it starts
	// too, when waiting for it still helps.
	private boolean connectionFactoryStopped(Throwable failure) {
		if (!(this.redis.getConnectionFactory() instanceof Lifecycle lifecycle) || lifecycle.isRunning()) {
			return false;
		}
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String message = String.valueOf(cause.getMessage());
			if (cause instanceof IllegalStateException
					&& (message.contains("STOPPED") || message.contains("DESTROYED"))) {
				return true;
			}
		}
		return false;
	}

	private PlaceStoreClosedException closed() {
		return new PlaceStoreClosedException("the rate-limit store (Redis) is closed: Spring Data Redis's connection "
				+ "factory has stopped, as it does when the application closes, before destroy methods run");
	}

	private RedisStoreUnavailableException failed(RedisStoreUnavailableException ex) {
		this.unreachable = ex.getMessage();
		return ex;
	}

	private RedisStoreUnavailableException unreachable(String what, @Nullable Throwable ex) {
		String reason = (ex != null) ? "failed (" + RedisFailures.describe(ex) + ")"
				: "got no answer within " + this.commandTimeout.toMillis() + " ms";
		return new RedisStoreUnavailableException(
				"the rate-limit store (Redis) is unreachable: an attempt to " + what + " " + reason, ex);
	}

	private static long ceilMillis(Duration duration) {
		long millis = duration.toMillis();
		return (duration.minusMillis(millis).isZero()) ? millis : millis + 1;
	}

}
