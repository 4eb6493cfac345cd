package io.sendpulse.spring.internal.accounts;

import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.sendpulse.spring.internal.ApiKeyHash;
import org.jspecify.annotations.Nullable;

/**
 * One rate limiter per API key, whatever the number of account objects using it: the API
 * counts per key, and two limiters for one key would let twice the limit through. Keyed
 * by the key's hash. The configured accounts' limiters stay for the application's life;
 * those of keys first seen at run time are kept for at most
 * {@link #DEFAULT_RUNTIME_CAPACITY} keys, beyond which the least recently used limiters
 * that hold no place are dropped (a limiter holding places is never dropped, so that a
 * key's limit holds across a drop). A dropped limiter that something still uses (an
 * account object the application holds) is found again, never made twice.
 */
public final class KeyedRateLimiters {

	/** Run-time keys whose limiters are kept, idle or not. */
	public static final int DEFAULT_RUNTIME_CAPACITY = 1024;

	private final Map<String, RateLimiter> configured = new ConcurrentHashMap<>();

	// Registered at startup, hashed and asked for at the first look-up: hashing loads
	// the JDK's security providers, and making a limiter Resilience4j's classes, tens of
	// milliseconds of every application's start.
	private final Map<String, Supplier<? extends @Nullable RateLimiter>> registered = new LinkedHashMap<>();

	// Access order: the eldest is the least recently used.
	private final LinkedHashMap<String, RateLimiter> runtime = new LinkedHashMap<>(16, 0.75f, true);

	// Every run-time limiter still reachable, dropped or not: an account object keeps its
	// limiter, and a second one for its key would let twice the limit through. Guarded
	// by runtime.
	private final Map<String, Reachable> reachable = new HashMap<>();

	private final ReferenceQueue<RateLimiter> unreachable = new ReferenceQueue<>();

	private final int runtimeCapacity;

	public KeyedRateLimiters() {
		this(DEFAULT_RUNTIME_CAPACITY);
	}

	public KeyedRateLimiters(int runtimeCapacity) {
		this.runtimeCapacity = runtimeCapacity;
	}

	/**
	 * Return the limiter of a configured account's key, creating it the first time: the
	 * first account configured with a key decides its limit.
	 * @param apiKey the key
	 * @param create creates the limiter
	 * @return the key's limiter
	 */
	public RateLimiter configured(String apiKey, Supplier<RateLimiter> create) {
		return configuredLimiters().computeIfAbsent(ApiKeyHash.of(apiKey), (hash) -> create.get());
	}

	/**
	 * Register the limiter a bean holds for a key, asked for at the first look-up.
	 * @param apiKey the key
	 * @param limiter gives the limiter, the same each time, or {@code null} for none
	 */
	public void register(String apiKey, Supplier<? extends @Nullable RateLimiter> limiter) {
		synchronized (this.registered) {
			this.registered.putIfAbsent(apiKey, limiter);
		}
	}

	private Map<String, RateLimiter> configuredLimiters() {
		List<Map.Entry<String, Supplier<? extends @Nullable RateLimiter>>> pending;
		synchronized (this.registered) {
			if (this.registered.isEmpty()) {
				return this.configured;
			}
			pending = List.copyOf(this.registered.entrySet());
		}
		// Asked for outside the lock, since a bean may be made; every caller does so
		// before it touches the configured limiters, so a registered one still wins.
		for (Map.Entry<String, Supplier<? extends @Nullable RateLimiter>> entry : pending) {
			RateLimiter limiter = entry.getValue().get();
			if (limiter != null) {
				this.configured.putIfAbsent(ApiKeyHash.of(entry.getKey()), limiter);
			}
		}
		synchronized (this.registered) {
			pending.forEach((entry) -> this.registered.remove(entry.getKey(), entry.getValue()));
		}
		return this.configured;
	}

	/**
	 * Return the limiter of a key used at run time: a configured account's when the key
	 * is one's, else the one kept for it, else a new one.
	 * @param apiKey the key
	 * @param create creates the limiter
	 * @return the key's limiter
	 */
	public RateLimiter runtime(String apiKey, Supplier<RateLimiter> create) {
		String hash = ApiKeyHash.of(apiKey);
		RateLimiter configured = configuredLimiters().get(hash);
		if (configured != null) {
			return configured;
		}
		synchronized (this.runtime) {
			RateLimiter limiter = this.runtime.get(hash);
			if (limiter == null) {
				forgetUnreachable();
				limiter = stillReachable(hash);
				if (limiter == null) {
					limiter = create.get();
					this.reachable.put(hash, new Reachable(hash, limiter, this.unreachable));
				}
				dropIdle();
				this.runtime.put(hash, limiter);
			}
			return limiter;
		}
	}

	private @Nullable RateLimiter stillReachable(String hash) {
		Reachable reference = this.reachable.get(hash);
		return (reference != null) ? reference.get() : null;
	}

	private void forgetUnreachable() {
		for (Reference<?> gone = this.unreachable.poll(); gone != null; gone = this.unreachable.poll()) {
			Reachable reference = (Reachable) gone;
			this.reachable.remove(reference.hash, reference);
		}
	}

	/**
	 * Return the limiter held for a key, if any.
	 * @param apiKey the key
	 * @return its limiter, or {@code null}
	 */
	public @Nullable RateLimiter find(String apiKey) {
		String hash = ApiKeyHash.of(apiKey);
		RateLimiter configured = configuredLimiters().get(hash);
		if (configured != null) {
			return configured;
		}
		synchronized (this.runtime) {
			RateLimiter limiter = this.runtime.get(hash);
			return (limiter != null) ? limiter : stillReachable(hash);
		}
	}

	boolean keeps(String apiKey) {
		synchronized (this.runtime) {
			return this.runtime.containsKey(ApiKeyHash.of(apiKey));
		}
	}

	int runtimeKeys() {
		synchronized (this.runtime) {
			return this.runtime.size();
		}
	}

	// Before the new limiter joins: it holds no place yet, and dropping it would leave
	// its key a second limiter at the next call.
	private void dropIdle() {
		Iterator<RateLimiter> eldestFirst = this.runtime.values().iterator();
		while (this.runtime.size() >= this.runtimeCapacity && eldestFirst.hasNext()) {
			if (isIdle(eldestFirst.next())) {
				eldestFirst.remove();
			}
		}
	}

	private static boolean isIdle(RateLimiter limiter) {
		RateLimiter.Metrics metrics = limiter.getMetrics();
		return metrics.getNumberOfWaitingThreads() == 0
				&& metrics.getAvailablePermissions() >= limiter.getRateLimiterConfig().getLimitForPeriod();
	}

	private static final class Reachable extends WeakReference<RateLimiter> {

		private final String hash;

		Reachable(String hash, RateLimiter limiter, ReferenceQueue<RateLimiter> queue) {
			super(limiter, queue);
			this.hash = hash;
		}

	}

}
