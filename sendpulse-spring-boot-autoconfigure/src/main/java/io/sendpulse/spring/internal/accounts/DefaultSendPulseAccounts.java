package io.sendpulse.spring.internal.accounts;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.sendpulse.spring.accounts.SendPulseAccount;
import io.sendpulse.spring.accounts.SendPulseAccounts;
import io.sendpulse.spring.internal.ApiKeyHash;

import org.springframework.util.function.SingletonSupplier;

/**
 * The {@link SendPulseAccounts}: the configured accounts, built at startup, and run-time
 * accounts, built on first use and cached by key and name (at most
 * {@link KeyedRateLimiters#DEFAULT_RUNTIME_CAPACITY}, least recently used dropped; a
 * dropped account is built again on its next use, on its key's same rate limiter).
 */
public final class DefaultSendPulseAccounts implements SendPulseAccounts {

	private final Map<String, SendPulseAccount> configured;

	private final Map<String, RateLimiter> rateLimiters;

	private final RuntimeAccountFactory runtimeFactory;

	private final int runtimeCapacity;

	/** The hashes of the configured accounts' keys, to tell a key passed as a name. */
	private final SingletonSupplier<Set<String>> configuredKeyHashes;

	// Access order: the eldest is the least recently used.
	private final LinkedHashMap<String, SendPulseAccount> runtime = new LinkedHashMap<>(16, 0.75f, true);

	/**
	 * Create the accounts.
	 * @param configured the configured accounts by name,
	 * {@value SendPulseAccounts#DEFAULT} first
	 * @param runtimeFactory builds a run-time account
	 */
	public DefaultSendPulseAccounts(Map<String, SendPulseAccount> configured, RuntimeAccountFactory runtimeFactory) {
		this(configured, Map.of(), Set.of(), runtimeFactory);
	}

	/**
	 * Create the accounts.
	 * @param configured the configured accounts by name,
	 * {@value SendPulseAccounts#DEFAULT} first
	 * @param rateLimiters the rate limiters of the further configured accounts' keys, by
	 * the name of the first account using each, for metrics
	 * @param configuredKeys the configured accounts' API keys, never shown, so that one
	 * passed in place of a name is not echoed in the error
	 * @param runtimeFactory builds a run-time account
	 */
	public DefaultSendPulseAccounts(Map<String, SendPulseAccount> configured, Map<String, RateLimiter> rateLimiters,
			Set<String> configuredKeys, RuntimeAccountFactory runtimeFactory) {
		this(configured, rateLimiters, configuredKeys, runtimeFactory, KeyedRateLimiters.DEFAULT_RUNTIME_CAPACITY);
	}

	DefaultSendPulseAccounts(Map<String, SendPulseAccount> configured, Map<String, RateLimiter> rateLimiters,
			Set<String> configuredKeys, RuntimeAccountFactory runtimeFactory, int runtimeCapacity) {
		this.configured = Collections.unmodifiableMap(new LinkedHashMap<>(configured));
		this.rateLimiters = Collections.unmodifiableMap(new LinkedHashMap<>(rateLimiters));
		this.runtimeFactory = runtimeFactory;
		this.runtimeCapacity = runtimeCapacity;
		// Hashed when first needed: hashing loads the JDK's security providers, which
		// would lengthen every application's start.
		Set<String> keys = Set.copyOf(configuredKeys);
		this.configuredKeyHashes = SingletonSupplier
			.of(() -> keys.stream().map(String::strip).map(ApiKeyHash::of).collect(Collectors.toUnmodifiableSet()));
	}

	@Override
	public SendPulseAccount account(String name) {
		SendPulseAccount account = (name != null) ? this.configured.get(name) : null;
		if (account == null) {
			// The name is echoed only when it could be one: it may be a key passed in
			// its place.
			String what = (name != null && name.matches("[A-Za-z0-9_-]{1,64}") && !isKnownKey(name)) ? "'" + name + "'"
					: "of that form (names hold letters, digits, '-' and '_')";
			throw new IllegalArgumentException("There is no SendPulse account named " + what + "; the accounts are "
					+ this.configured.keySet() + " (configure one under sendpulse.accounts.<name>.api-key, or use "
					+ "forApiKey for a key held at run time)");
		}
		return account;
	}

	private boolean isKnownKey(String candidate) {
		String hash = ApiKeyHash.of(candidate.strip());
		if (this.configuredKeyHashes.obtain().contains(hash)) {
			return true;
		}
		synchronized (this.runtime) {
			return this.runtime.keySet().stream().anyMatch((id) -> id.startsWith(hash + "/"));
		}
	}

	/**
	 * Return the rate limiters of the further configured accounts' keys (not the
	 * top-level key's), by the name of the first account using each.
	 * @return the limiters
	 */
	public Map<String, RateLimiter> rateLimiters() {
		return this.rateLimiters;
	}

	@Override
	public Set<String> names() {
		return Collections.unmodifiableSet(new LinkedHashSet<>(this.configured.keySet()));
	}

	@Override
	public SendPulseAccount forApiKey(String apiKey) {
		return runtime(ApiKeys.checked(apiKey, "The API key"), RUNTIME);
	}

	@Override
	public SendPulseAccount forApiKey(String apiKey, String name) {
		String key = ApiKeys.checked(apiKey, "The API key");
		AccountNames.runtime(name);
		if (this.configured.containsKey(name)) {
			throw new IllegalArgumentException("'" + name + "' is the name of a configured account: give the run-time "
					+ "account another name, or use account(\"" + name + "\")");
		}
		return runtime(key, name);
	}

	private SendPulseAccount runtime(String apiKey, String name) {
		String id = ApiKeyHash.of(apiKey) + "/" + name;
		synchronized (this.runtime) {
			SendPulseAccount account = this.runtime.get(id);
			if (account == null) {
				account = this.runtimeFactory.create(apiKey, name);
				this.runtime.put(id, account);
				if (this.runtime.size() > this.runtimeCapacity) {
					this.runtime.remove(this.runtime.keySet().iterator().next());
				}
			}
			return account;
		}
	}

	@Override
	public String toString() {
		int runtime;
		synchronized (this.runtime) {
			runtime = this.runtime.size();
		}
		return "SendPulseAccounts[configured=" + this.configured.keySet() + ", runtime=" + runtime + "]";
	}

	/**
	 * Builds the account of a key first used at run time.
	 */
	@FunctionalInterface
	public interface RuntimeAccountFactory {

		/**
		 * Build an account.
		 * @param apiKey the key, checked and stripped
		 * @param name the account's name
		 * @return the account
		 */
		SendPulseAccount create(String apiKey, String name);

	}

}
