package io.sendpulse.spring.internal.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.SSLException;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.sendpulse.spring.ApiError;
import io.sendpulse.spring.SendPulseConnectionException;
import io.sendpulse.spring.SendPulseException;
import io.sendpulse.spring.SendPulseRateLimitException;
import io.sendpulse.spring.internal.ratelimit.NoPlaceException;
import io.sendpulse.spring.internal.ratelimit.PlaceStoreClosedException;
import io.sendpulse.spring.internal.ratelimit.SlidingWindowRateLimiter;
import io.sendpulse.spring.observation.DefaultSendPulseClientObservationConvention;
import io.sendpulse.spring.observation.SendPulseClientObservationContext;
import io.sendpulse.spring.observation.SendPulseClientObservationConvention;
import io.sendpulse.spring.observation.SendPulseClientObservationDocumentation;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.util.Assert;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The HTTP core shared by the templates: one {@link WebClient} with the API key, our own
 * JSON, an {@code Idempotency-Key} on every POST, the shared {@link RateLimiter} and the
 * {@link Retry}, and one observation per operation. Thread-safe; one instance serves the
 * whole application.
 * <p>
 * Built by the auto-configuration; use {@link #builder(WebClient.Builder)} to build one
 * without Spring Boot. Connect and read timeouts belong to the {@code WebClient}'s
 * connector (the auto-configuration sets them from {@code sendpulse.connect-timeout} and
 * {@code sendpulse.read-timeout}), where they cost no timer per request.
 */
public final class SendPulseClient {

	/** Name of the observation recorded for each template operation. */
	public static final String OBSERVATION_NAME = DefaultSendPulseClientObservationConvention.NAME;

	private static final SendPulseClientObservationConvention DEFAULT_OBSERVATION_CONVENTION = new DefaultSendPulseClientObservationConvention();

	/** Header carrying the key that makes a retried POST act once. */
	public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private static final byte[] EMPTY = new byte[0];

	private static final Pattern PROXY_STATUS = Pattern.compile("(?:status: |got: )([1-5]\\d\\d)\\b");

	/**
	 * Built at the first call rather than with the client: building it loads the
	 * connector and its codecs, which would otherwise lengthen every application's start.
	 */
	private final SingletonSupplier<WebClient> webClient;

	private final String apiKey;

	/** The {@code Authorization} header's value, made once. */
	private final String authorization;

	private final URI baseUrl;

	/** Writes the headers of a GET, which are the same on every call. */
	private final Consumer<ClientHttpRequest> getHeaders;

	private final Duration attemptTimeout;

	private final JsonCodec json = new JsonCodec();

	// Resolved at the first call (or warm-up): Resilience4j's classes need not load
	// while the application starts.
	private final SingletonSupplier<Optional<RateLimiter>> rateLimiter;

	private final SingletonSupplier<Optional<Retry>> retry;

	private final ObservationRegistry observationRegistry;

	private final @Nullable SendPulseClientObservationConvention observationConvention;

	private final @Nullable ClientListener listener;

	private final @Nullable CallsInFlight callsInFlight;

	private final String account;

	private SendPulseClient(Builder builder) {
		Supplier<WebClient.Builder> webClientBuilder = builder.webClientBuilder;
		ObservationRegistry observationRegistry = builder.observationRegistry;
		String baseUrl = builder.baseUrl.toString();
		this.webClient = SingletonSupplier
			.of(() -> observed(webClientBuilder.get().clone(), observationRegistry).baseUrl(baseUrl).build());
		this.authorization = "Bearer " + builder.apiKey;
		this.getHeaders = headers(this.authorization, null);
		this.apiKey = builder.apiKey;
		this.baseUrl = builder.baseUrl;
		this.attemptTimeout = builder.attemptTimeout;
		Supplier<? extends @Nullable RateLimiter> rateLimiter = builder.rateLimiter;
		this.rateLimiter = SingletonSupplier.of(() -> Optional.ofNullable(rateLimiter.get()));
		Supplier<? extends @Nullable Retry> retry = builder.retry;
		this.retry = SingletonSupplier.of(() -> Optional.ofNullable(retry.get()));
		this.observationRegistry = builder.observationRegistry;
		this.observationConvention = builder.observationConvention;
		this.listener = builder.listener;
		this.callsInFlight = builder.callsInFlight;
		this.account = builder.account;
	}

	/** The HTTP attempts observed too, as children of the operation. */
	private static WebClient.Builder observed(WebClient.Builder webClientBuilder, ObservationRegistry registry) {
		return registry.isNoop() ? webClientBuilder : webClientBuilder.observationRegistry(registry);
	}

	/**
	 * Start building a client.
	 * @param webClientBuilder the builder to start from (it is cloned, never changed)
	 * @return a builder
	 */
	public static Builder builder(WebClient.Builder webClientBuilder) {
		WebClient.Builder copy = webClientBuilder.clone();
		return new Builder(() -> copy);
	}

	/**
	 * Start building a client whose {@code WebClient} is built at its first call.
	 * @param webClientBuilder gives the builder to start from (it is cloned, never
	 * changed), asked once
	 * @return a builder
	 */
	public static Builder builder(Supplier<WebClient.Builder> webClientBuilder) {
		return new Builder(webClientBuilder);
	}

	/**
	 * GET a resource.
	 * @param <T> the response type
	 * @param operation the operation's name, for observations (for example
	 * {@code sms.status})
	 * @param type the response type
	 * @param uriTemplate the path as a URI template, kept whole for low-cardinality
	 * metrics
	 * @param uriVariables the template's variables
	 * @return the response, or an error that is a {@link SendPulseException}
	 */
	public <T> Mono<T> get(String operation, Class<T> type, String uriTemplate, Object... uriVariables) {
		return call(operation, HttpMethod.GET, uriTemplate, type,
				(attempt) -> exchange(
						this.webClient.obtain().get().uri(uriTemplate, uriVariables).httpRequest(this.getHeaders),
						HttpMethod.GET, uriTemplate, type, attempt));
	}

	/**
	 * POST a JSON body, with an {@code Idempotency-Key} that stays the same on every
	 * retry.
	 * @param <T> the response type
	 * @param operation the operation's name, for observations (for example
	 * {@code sms.send})
	 * @param type the response type
	 * @param uri the path
	 * @param body the body, written as snake_case JSON without null fields
	 * @return the response, or an error that is a {@link SendPulseException}
	 */
	public <T> Mono<T> post(String operation, Class<T> type, String uri, Object body) {
		return Mono.defer(() -> {
			byte[] json = this.json.write(body);
			String idempotencyKey = IdempotencyKeys.next();
			return call(operation, HttpMethod.POST, uri, type,
					(attempt) -> exchange(this.webClient.obtain()
						.post()
						.uri(uri)
						.httpRequest(headers(this.authorization, idempotencyKey))
						.body(jsonBody(json)), HttpMethod.POST, uri, type, attempt));
		});
	}

	/**
	 * The JSON body, written as it is. {@code bodyValue(byte[])} would do the same after
	 * looking up a reactive adapter for the value, a writer for {@code byte[]} among the
	 * codecs and parsing the {@code Content-Type} back from its header, on every call.
	 * The headers, {@code Content-Type} included, are written just before the body (see
	 * {@link #writeHeaders}).
	 */
	private static BodyInserter<byte[], ReactiveHttpOutputMessage> jsonBody(byte[] json) {
		return (request, context) -> {
			request.getHeaders().setContentLength(json.length);
			return request.writeWith(Mono.fromSupplier(() -> request.bufferFactory().wrap(json)));
		};
	}

	/**
	 * Write the request's headers on the connector's request, just before its body,
	 * rather than on the {@code WebClient}'s request: headers there (or the
	 * {@code WebClient}'s default headers) are copied name by name into the connector's
	 * request on every call, which cost more than all the rest of the starter's work per
	 * call (benchmark B1 in docs/benchmarks.md). So an {@code ExchangeFilterFunction}
	 * does not see these headers (nor the API key). They replace any of the same name
	 * that a default header or a filter set: an application's default
	 * {@code Authorization} for its other services must never reach SendPulse instead of
	 * the key.
	 * @param request the connector's request
	 * @param idempotencyKey the key of a POST, {@code null} for a GET
	 */
	private static void writeHeaders(ClientHttpRequest request, String authorization, @Nullable String idempotencyKey) {
		HttpHeaders headers = request.getHeaders();
		headers.set(HttpHeaders.AUTHORIZATION, authorization);
		headers.set(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
		headers.set(HttpHeaders.USER_AGENT, StarterVersion.userAgent());
		if (idempotencyKey != null) {
			headers.set(IDEMPOTENCY_KEY, idempotencyKey);
			headers.set(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE);
		}
	}

	// Static, capturing only what the request needs: Reactor Netty's global pool of an
	// address keeps the first request's handler for the life of the JVM, and a handler
	// holding this client would hold its application context after it closed.
	private static Consumer<ClientHttpRequest> headers(String authorization, @Nullable String idempotencyKey) {
		return (request) -> writeHeaders(request, authorization, idempotencyKey);
	}

	private <T> Mono<T> call(String operation, HttpMethod method, String uriTemplate, Class<T> type,
			IntFunction<Mono<T>> exchange) {
		return Mono.defer(() -> {
			RateLimiter limiter;
			Retry retry;
			try {
				// Built or asked for at the first call: a failure here (a customizer that
				// throws, a bean the context cannot make) is no connection failure, and
				// retrying would not mend it.
				this.webClient.obtain();
				limiter = this.rateLimiter.obtain().orElse(null);
				retry = this.retry.obtain().orElse(null);
			}
			catch (RuntimeException ex) {
				return observe(operation, method, uriTemplate, Mono.error(notPrepared(method, uriTemplate, ex)));
			}
			AtomicInteger attempts = new AtomicInteger();
			// Built once per call: each (re)subscription is one attempt.
			Mono<T> attempt = inOperationScope(Mono.defer(() -> exchange.apply(attempts.incrementAndGet()))).onErrorMap(
					(ex) -> !(ex instanceof SendPulseException),
					(ex) -> connectionFailure(method, uriTemplate, ex, attempts.get()));
			ClientListener listener = this.listener;
			if (listener != null) {
				// As the caller sees it: the health shows what went wrong in these words.
				attempt = attempt.doOnError(listener::failed);
			}
			if (limiter != null) {
				// A place per attempt, retries included: the API counts every request. It
				// is held until the response or failure arrives (or the caller cancels),
				// and then one more period: see SlidingWindowRateLimiter.
				attempt = SlidingWindowRateLimiter.holding(limiter, attempt,
						(ex) -> notPermitted(limiter, method, uriTemplate, attempts, ex));
			}
			if (retry != null) {
				attempt = withRetry(attempt, retry);
			}
			Mono<T> observed = observe(operation, method, uriTemplate, attempt);
			CallsInFlight inFlight = this.callsInFlight;
			if (inFlight == null) {
				return observed;
			}
			inFlight.started();
			return observed.doFinally((signal) -> inFlight.ended());
		});
	}

	/**
	 * Drive the attempts with the Resilience4j {@link Retry} (its predicate, waits,
	 * events and metrics), like its {@code RetryOperator} but with nothing on the success
	 * path but one error hook, where the operator's {@code retryWhen} machinery sits on
	 * every call.
	 */
	private static <T> Mono<T> withRetry(Mono<T> attempt, Retry retry) {
		return Mono.defer(() -> {
			Retry.AsyncContext<T> context = retry.asyncContext();
			return retrying(attempt, context).doOnSuccess((result) -> context.onComplete());
		});
	}

	private static <T> Mono<T> retrying(Mono<T> attempt, Retry.AsyncContext<T> context) {
		return attempt.onErrorResume((ex) -> {
			long waitMillis = context.onError(ex);
			return (waitMillis < 1) ? Mono.error(ex)
					: Mono.delay(Duration.ofMillis(waitMillis)).then(Mono.defer(() -> retrying(attempt, context)));
		});
	}

	/**
	 * One attempt. {@code retrieve()} rather than {@code exchangeToMono()}: the same
	 * outcome with fewer operators on the success path, which is most calls. The status,
	 * which only the error of an answer that is not the expected JSON names, is taken as
	 * the status handler sees it: {@code toEntity()} would copy every header of every
	 * answer into a new map (about 1% of the client's CPU in benchmark B1).
	 */
	private <T> Mono<T> exchange(WebClient.RequestHeadersSpec<?> request, HttpMethod method, String uriTemplate,
			Class<T> type, int attempt) {
		int[] status = new int[1];
		Mono<T> result = request.retrieve().onStatus((code) -> {
			status[0] = code.value();
			return !code.is2xxSuccessful();
		}, (response) -> failure(response, method, uriTemplate, attempt))
			.bodyToMono(byte[].class)
			.defaultIfEmpty(EMPTY)
			.map((body) -> readBody(body, type, method, uriTemplate, status[0], attempt));
		// The connector's read timeout is idle time between reads: only a deadline ends a
		// response that trickles in, or a connector set up without timeouts.
		result = AttemptDeadline.within(result, this.attemptTimeout);
		ClientListener listener = this.listener;
		return (listener != null) ? result.doOnSuccess((body) -> listener.succeeded()) : result;
	}

	private Mono<SendPulseException> failure(ClientResponse response, HttpMethod method, String uriTemplate,
			int attempt) {
		int status = response.statusCode().value();
		String retryAfter = response.headers().asHttpHeaders().getFirst(HttpHeaders.RETRY_AFTER);
		// Any body will do: HTML from a proxy, empty or cut short, the status still
		// decides.
		return response.bodyToMono(byte[].class)
			.onErrorResume((ex) -> Mono.empty())
			.defaultIfEmpty(EMPTY)
			.map((body) -> ApiErrors.toException(method, uriTemplate, status, retryAfter,
					redacted(this.json.readError(body)), attempt));
	}

	/**
	 * An API that echoes the key back in an error message must not put it in our
	 * exception.
	 */
	private @Nullable ApiError redacted(@Nullable ApiError error) {
		if (error == null || error.message() == null || !error.message().contains(this.apiKey)) {
			return error;
		}
		return new ApiError(error.code(), error.message().replace(this.apiKey, "(api key)"), error.param());
	}

	private <T> T readBody(byte[] body, Class<T> type, HttpMethod method, String uriTemplate, int status, int attempt) {
		try {
			return this.json.read(body, type);
		}
		catch (RuntimeException ex) {
			throw new SendPulseException(
					"SendPulse answered " + status + " to " + method.name() + " " + uriTemplate
							+ " with a body that is not the expected JSON" + ApiErrors.attempts(attempt),
					status, null, attempt, false, ex);
		}
	}

	private static SendPulseException notPrepared(HttpMethod method, String uriTemplate, RuntimeException ex) {
		return new SendPulseException("Could not prepare the SendPulse client for " + method.name() + " " + uriTemplate
				+ " (" + ex.getClass().getSimpleName() + "); nothing was sent", 0, null, 0, false, ex);
	}

	private static SendPulseException connectionFailure(HttpMethod method, String uriTemplate, Throwable ex,
			int attempt) {
		String what = switch (timeout(ex)) {
			case CONNECT -> "No connection within the connect timeout";
			case READ -> "No response within the read timeout";
			case ATTEMPT -> "No complete response within the attempt timeout";
			case NONE -> failure(ex);
		};
		if (refusedByProxy(ex)) {
			// The proxy's answer to our credentials or to the API's address: another
			// attempt gets the same, so none is made.
			return new SendPulseConnectionException(what + " for " + method.name() + " " + uriTemplate
					+ ApiErrors.attempts(attempt) + "; not retried: check sendpulse.proxy.*", attempt, false, ex);
		}
		return new SendPulseConnectionException(
				what + " for " + method.name() + " " + uriTemplate + ApiErrors.attempts(attempt), attempt, ex);
	}

	/**
	 * A proxy that refused the tunnel for good: 407 (credentials missing or wrong) or 403
	 * (the API's address not allowed). A 502 or 503 from a proxy that could not reach the
	 * API is retried like any connection failure.
	 */
	private static boolean refusedByProxy(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
			if (cause.getClass().getSimpleName().contains("Proxy")
					|| (cause instanceof IOException && message.startsWith("tunnel failed"))) {
				String status = proxyStatus(message);
				return status.endsWith(" 407") || status.endsWith(" 403");
			}
		}
		return false;
	}

	/**
	 * What went wrong on the way, as an operator needs it: refused, reset or closed
	 * early, a host that does not resolve, TLS; never the exception's message, which
	 * names hosts and addresses.
	 */
	static String failure(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String name = cause.getClass().getSimpleName();
			String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
			// Netty's ProxyConnectException (a ConnectException) and its kinds; the JDK
			// HttpClient's "Tunnel failed, got: 407" IOException.
			if (name.contains("Proxy") || (cause instanceof IOException && message.startsWith("tunnel failed"))) {
				return "The proxy did not open a tunnel to the API" + proxyStatus(message) + " (" + name + ")";
			}
			if (cause instanceof ConnectException) {
				return "The connection could not be opened: refused, or the host unreachable (" + name + ")";
			}
			if (cause instanceof UnknownHostException) {
				// The API's, or the proxy's.
				return "A host name did not resolve (" + name + ")";
			}
			if (cause instanceof SSLException) {
				return "TLS failed (" + name + ")";
			}
			// Reactor Netty's, when the server closes or resets the connection before
			// its response, or after its status and headers ("DURING response"): then
			// the API did answer, and most likely acted.
			if (name.equals("PrematureCloseException")) {
				return message.contains("during response")
						? "The connection was closed in the middle of the response (" + name + ")"
						: "The connection was closed before a response (" + name + ")";
			}
			if (cause instanceof IOException && (message.contains("reset") || message.contains("closed"))) {
				return "The connection was reset or closed before a response (" + name + ")";
			}
		}
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return "Connection failed (" + root.getClass().getSimpleName() + ")";
	}

	/**
	 * The status a proxy answered a tunnel with (407 for missing or wrong credentials),
	 * as Netty ({@code status: 407 ...}) and the JDK HttpClient ({@code got: 407}) word
	 * it; nothing else of their message, which names hosts.
	 */
	private static String proxyStatus(String message) {
		Matcher status = PROXY_STATUS.matcher(message);
		return status.find() ? ", answering " + status.group(1) : "";
	}

	/**
	 * Each connector names its timeouts differently (Netty's ConnectTimeoutException and
	 * ReadTimeoutException, the JDK's HttpConnectTimeoutException and
	 * HttpTimeoutException); all of them say "Timeout", and a connect timeout says
	 * "Connect" too. Only the attempt's own deadline raises a
	 * {@code java.util.concurrent.TimeoutException}.
	 */
	static Timeout timeout(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String name = cause.getClass().getSimpleName();
			String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
			if (name.contains("ConnectTimeout") || (name.contains("Timeout") && message.contains("connect"))) {
				return Timeout.CONNECT;
			}
			if (cause instanceof TimeoutException) {
				return Timeout.ATTEMPT;
			}
			if (name.contains("Timeout")) {
				return Timeout.READ;
			}
		}
		return Timeout.NONE;
	}

	enum Timeout {

		CONNECT, READ, ATTEMPT, NONE

	}

	private static SendPulseRateLimitException notPermitted(RateLimiter limiter, HttpMethod method, String uriTemplate,
			AtomicInteger attempts, NoPlaceException refusal) {
		RateLimiterConfig config = limiter.getRateLimiterConfig();
		int made = attempts.get();
		Duration freesIn = refusal.getFreesIn();
		if (refusal.getCause() instanceof PlaceStoreClosedException closed) {
			// Refused at once: waiting could not have helped.
			return new SendPulseRateLimitException("The client-side rate limit could take no place for " + method.name()
					+ " " + uriTemplate + ((made == 0) ? "; nothing was sent" : "; this retry was not sent") + ": "
					+ closed.getMessage() + ApiErrors.attempts(made), 0, null, made, null);
		}
		StringBuilder message = new StringBuilder("The client-side rate limit (").append(config.getLimitForPeriod())
			.append(" requests per ")
			.append(config.getLimitRefreshPeriod().toMillis())
			.append(" ms) had no place within ")
			.append(config.getTimeoutDuration().toMillis())
			.append(" ms for ")
			.append(method.name())
			.append(' ')
			.append(uriTemplate)
			.append((made == 0) ? "; nothing was sent" : "; this retry was not sent");
		if (freesIn != null) {
			message.append("; a place frees up in ").append(Math.max(freesIn.toMillis(), 1)).append(" ms");
		}
		if (refusal.getCause() != null) {
			// The store's failure in its own words ("the rate-limit store (Redis) is
			// unreachable: ..."); the limiter's sentence around it says what this one
			// does.
			message.append(" (").append(refusal.getCause()).append(')');
		}
		message.append(" (see sendpulse.rate-limit.*)").append(ApiErrors.attempts(made));
		return new SendPulseRateLimitException(message.toString(), 0, null, made, freesIn);
	}

	/**
	 * One observation per operation, every attempt included, made the parent of the
	 * {@code WebClient}'s own observation of each attempt: through the Reactor context,
	 * and in scope while each attempt is subscribed (see {@link #inOperationScope}).
	 */
	private <T> Mono<T> observe(String operation, HttpMethod method, String uriTemplate, Mono<T> call) {
		if (this.observationRegistry.isNoop()) {
			return call;
		}
		return Mono.deferContextual((reactorContext) -> {
			SendPulseClientObservationContext context = new SendPulseClientObservationContext(operation, method.name(),
					uriTemplate, this.account);
			Observation observation = SendPulseClientObservationDocumentation.OPERATION.observation(
					this.observationConvention, DEFAULT_OBSERVATION_CONVENTION, () -> context,
					this.observationRegistry);
			// A reactive caller's observation is in the Reactor context, a blocking one's
			// on its thread.
			Observation parent = reactorContext.getOrDefault(ObservationThreadLocalAccessor.KEY,
					this.observationRegistry.getCurrentObservation());
			observation.parentObservation(parent).start();
			// Stopped once: a cancel can follow the value (take(1), a coroutine).
			AtomicBoolean stopped = new AtomicBoolean();
			return call.doOnSuccess((result) -> {
				if (stopped.compareAndSet(false, true)) {
					context.setStatusCode(200);
					observation.stop();
				}
			}).doOnError((ex) -> {
				if (stopped.compareAndSet(false, true)) {
					int status = (ex instanceof SendPulseException failure) ? failure.getStatusCode() : 0;
					context.setStatusCode((status != 0) ? status : null);
					observation.error(ex);
					observation.stop();
				}
			}).doOnCancel(() -> {
				if (stopped.compareAndSet(false, true)) {
					context.setCancelled(true);
					observation.stop();
				}
			}).contextWrite((reactor) -> reactor.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	/**
	 * An attempt subscribed with its operation's observation in scope, on whichever
	 * thread subscribes it (the caller's, a retry's timer, the limiter's when a place is
	 * granted): a span current on that thread (a server request's, another call's) would
	 * otherwise become the parent of the attempt's span.
	 */
	private <T> Mono<T> inOperationScope(Mono<T> attempt) {
		if (this.observationRegistry.isNoop()) {
			return attempt;
		}
		return Mono.fromDirect((Publisher<T>) (subscriber) -> {
			Observation observation = (subscriber instanceof CoreSubscriber<?> core)
					? core.currentContext().getOrDefault(ObservationThreadLocalAccessor.KEY, null) : null;
			if (observation == null) {
				attempt.subscribe(subscriber);
				return;
			}
			try (Observation.Scope scope = observation.openScope()) {
				attempt.subscribe(subscriber);
			}
		});
	}

	/**
	 * Build what the first call would otherwise build: the {@code WebClient} (and so the
	 * shared connector), the JSON mapper, the rate limiter and the retry.
	 */
	void prepare() {
		this.webClient.obtain();
		this.json.prepare();
		obtainRateLimiterAndRetry();
	}

	/**
	 * Ask for the rate limiter and the retry now, which may be beans made at their first
	 * use, without building anything else.
	 */
	void obtainRateLimiterAndRetry() {
		this.rateLimiter.obtain();
		this.retry.obtain();
	}

	@Override
	public String toString() {
		return "SendPulseClient[baseUrl=" + this.baseUrl + ", apiKey=(hidden)]";
	}

	/**
	 * Builds a {@link SendPulseClient}.
	 */
	public static final class Builder {

		private final Supplier<WebClient.Builder> webClientBuilder;

		private @Nullable String apiKey;

		private URI baseUrl = URI.create("https://api.sendpulse.io");

		private Duration attemptTimeout = Duration.ofSeconds(30);

		private Supplier<? extends @Nullable RateLimiter> rateLimiter = () -> null;

		private Supplier<? extends @Nullable Retry> retry = () -> null;

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable SendPulseClientObservationConvention observationConvention;

		private @Nullable ClientListener listener;

		private @Nullable CallsInFlight callsInFlight;

		private String account = SendPulseClientObservationContext.DEFAULT_ACCOUNT;

		private Builder(Supplier<WebClient.Builder> webClientBuilder) {
			this.webClientBuilder = webClientBuilder;
		}

		/**
		 * Set the API key sent as a bearer token.
		 * @param apiKey the key
		 * @return this builder
		 */
		public Builder apiKey(String apiKey) {
			this.apiKey = apiKey;
			return this;
		}

		/**
		 * Set the API's base URL.
		 * @param baseUrl the base URL, {@code https://api.sendpulse.io} by default
		 * @return this builder
		 */
		public Builder baseUrl(URI baseUrl) {
			this.baseUrl = baseUrl;
			return this;
		}

		/**
		 * Set the longest one attempt may take, from sending the request to reading the
		 * whole response.
		 * @param attemptTimeout the deadline of each attempt, 30 seconds by default
		 * @return this builder
		 */
		public Builder attemptTimeout(Duration attemptTimeout) {
			Assert.isTrue(attemptTimeout.toNanos() > 0, "attemptTimeout must be positive");
			this.attemptTimeout = attemptTimeout;
			return this;
		}

		/**
		 * Set the rate limiter every attempt takes a permit from.
		 * @param rateLimiter the limiter, or {@code null} for none
		 * @return this builder
		 */
		public Builder rateLimiter(@Nullable RateLimiter rateLimiter) {
			return rateLimiter(() -> rateLimiter);
		}

		/**
		 * Set the rate limiter every attempt takes a permit from, asked for at the first
		 * call.
		 * @param rateLimiter gives the limiter, or {@code null} for none
		 * @return this builder
		 */
		public Builder rateLimiter(Supplier<? extends @Nullable RateLimiter> rateLimiter) {
			this.rateLimiter = rateLimiter;
			return this;
		}

		/**
		 * Set the retry that decides which failures are retried and when.
		 * @param retry the retry, or {@code null} for none
		 * @return this builder
		 * @see SendPulseResilience#retryConfig
		 */
		public Builder retry(@Nullable Retry retry) {
			return retry(() -> retry);
		}

		/**
		 * Set the retry that decides which failures are retried and when, asked for at
		 * the first call.
		 * @param retry gives the retry, or {@code null} for none
		 * @return this builder
		 */
		public Builder retry(Supplier<? extends @Nullable Retry> retry) {
			this.retry = retry;
			return this;
		}

		/**
		 * Set the registry operations are observed with.
		 * @param observationRegistry the registry
		 * @return this builder
		 */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = observationRegistry;
			return this;
		}

		/**
		 * Set the convention operations are observed with.
		 * @param observationConvention the convention, or {@code null} for
		 * {@link DefaultSendPulseClientObservationConvention}
		 * @return this builder
		 */
		public Builder observationConvention(@Nullable SendPulseClientObservationConvention observationConvention) {
			this.observationConvention = observationConvention;
			return this;
		}

		/**
		 * Set the listener told what each attempt came to.
		 * @param listener the listener, or {@code null} for none
		 * @return this builder
		 */
		public Builder listener(@Nullable ClientListener listener) {
			this.listener = listener;
			return this;
		}

		/**
		 * Count each call while it is in flight.
		 * @param callsInFlight the application's count, or {@code null} for none
		 * @return this builder
		 */
		public Builder callsInFlight(@Nullable CallsInFlight callsInFlight) {
			this.callsInFlight = callsInFlight;
			return this;
		}

		/**
		 * Set the name of the account the client sends for, which observations carry.
		 * @param account the account's name, {@code default} by default
		 * @return this builder
		 */
		public Builder account(String account) {
			Assert.hasText(account, "account must not be empty");
			this.account = account;
			return this;
		}

		/**
		 * Build the client.
		 * @return the client
		 */
		public SendPulseClient build() {
			Assert.hasText(this.apiKey, "apiKey must not be empty");
			return new SendPulseClient(this);
		}

	}

}
