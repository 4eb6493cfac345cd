package io.sendpulse.spring.internal.accounts;

import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;
import io.micrometer.observation.ObservationRegistry;
import io.sendpulse.spring.internal.client.CallsInFlight;
import io.sendpulse.spring.internal.client.ClientListener;
import io.sendpulse.spring.internal.client.SendPulseClient;
import io.sendpulse.spring.internal.client.SendPulseResilience;
import io.sendpulse.spring.observation.SendPulseClientObservationConvention;
import org.jspecify.annotations.Nullable;

import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds the {@link SendPulseClient} of each account on what they all share: one
 * {@code WebClient.Builder} whose connector (and so connection pool, timeouts, TLS and
 * proxy) is set once, when the first call of any account asks for it, the base URL, the
 * retry and the observation set-up. Only the key, the key's rate limiter and the
 * account's name differ.
 */
public final class AccountClients {

	private final WebClientBuilderSource webClientBuilder;

	private final URI baseUrl;

	private final Duration attemptTimeout;

	private final Supplier<? extends @Nullable Retry> retry;

	private final ObservationRegistry observationRegistry;

	private final @Nullable SendPulseClientObservationConvention observationConvention;

	private final @Nullable ClientListener listener;

	private final @Nullable CallsInFlight callsInFlight;

	/**
	 * Create an instance.
	 * @param webClientBuilder gives the prepared builder, its connector set; asked for at
	 * each client's first call, so it must give the same builder each time, and by
	 * {@link #obtainFromContext()} for what the builder is made of
	 * @param baseUrl the API's base URL
	 * @param attemptTimeout the deadline of each attempt
	 * @param retry gives the retry, or {@code null} for none; asked for at the first call
	 * of any client or by {@link #obtainFromContext()}, once unless it gives
	 * {@code null}; its retries are logged at debug level
	 * @param observationRegistry the registry operations are observed with
	 * @param observationConvention the convention, or {@code null} for the default
	 * @param listener told what each attempt came to, or {@code null}
	 * @param callsInFlight counts each client's calls in flight, or {@code null}
	 */
	public AccountClients(WebClientBuilderSource webClientBuilder, URI baseUrl, Duration attemptTimeout,
			Supplier<? extends @Nullable Retry> retry, ObservationRegistry observationRegistry,
			@Nullable SendPulseClientObservationConvention observationConvention, @Nullable ClientListener listener,
			@Nullable CallsInFlight callsInFlight) {
		this.webClientBuilder = webClientBuilder;
		this.baseUrl = baseUrl;
		this.attemptTimeout = attemptTimeout;
		// One debug listener on the shared retry, however many clients the accounts
		// make (run-time accounts are made again after they are evicted).
		this.retry = SingletonSupplier.of(() -> {
			Retry shared = retry.get();
			return (shared != null) ? SendPulseResilience.logRetries(shared) : null;
		});
		this.observationRegistry = observationRegistry;
		this.observationConvention = observationConvention;
		this.listener = listener;
		this.callsInFlight = callsInFlight;
	}

	/**
	 * Ask the application context now for what the clients' first call would ask it for:
	 * the retry and what the {@code WebClient.Builder} is made of. Beans cannot be made
	 * once the context destroys them, so this is done as it starts closing.
	 */
	public void obtainFromContext() {
		this.retry.get();
		this.webClientBuilder.obtainFromContext();
	}

	/**
	 * Build a client. Its limiter is asked for at its first call.
	 * @param apiKey the account's key
	 * @param rateLimiter gives the key's limiter, or {@code null} for none
	 * @param account the account's name, for metrics and observations
	 * @param keyProperty the property that sets the key, for the health to name when the
	 * API rejects it, or {@code null} for a key handed over at run time, whose rejection
	 * is not the application's health
	 * @return the client
	 */
	public SendPulseClient create(String apiKey, Supplier<? extends @Nullable RateLimiter> rateLimiter, String account,
			@Nullable String keyProperty) {
		return SendPulseClient.builder(this.webClientBuilder)
			.apiKey(apiKey)
			.baseUrl(this.baseUrl)
			.attemptTimeout(this.attemptTimeout)
			.rateLimiter(rateLimiter)
			.retry(this.retry)
			.observationRegistry(this.observationRegistry)
			.observationConvention(this.observationConvention)
			.listener((this.listener != null) ? this.listener.forAccount(account, keyProperty) : null)
			.callsInFlight(this.callsInFlight)
			.account(account)
			.build();
	}

	@Override
	public String toString() {
		return "AccountClients[baseUrl=" + this.baseUrl + "]";
	}

	/**
	 * Gives the clients' prepared {@code WebClient.Builder}, and asks the application
	 * context for what it is made of without building it.
	 */
	public interface WebClientBuilderSource extends Supplier<WebClient.Builder> {

		/**
		 * Ask the application context now for what the builder is made of (the
		 * application's builder, the customizers), without building it: beans cannot be
		 * made once the context destroys them.
		 */
		void obtainFromContext();

	}

}
