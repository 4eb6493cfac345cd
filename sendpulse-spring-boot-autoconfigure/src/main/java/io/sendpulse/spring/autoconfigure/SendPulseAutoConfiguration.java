package io.sendpulse.spring.autoconfigure;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.sendpulse.spring.accounts.SendPulseAccounts;
import io.sendpulse.spring.internal.InvalidSendPulsePropertyException;
import io.sendpulse.spring.internal.accounts.AccountClients;
import io.sendpulse.spring.internal.accounts.AccountPlaceStores;
import io.sendpulse.spring.internal.accounts.DefaultSendPulseAccount;
import io.sendpulse.spring.internal.accounts.DefaultSendPulseAccounts;
import io.sendpulse.spring.internal.client.CallsInFlight;
import io.sendpulse.spring.internal.client.ClientWarmUp;
import io.sendpulse.spring.internal.client.SendPulseClient;
import io.sendpulse.spring.internal.client.SendPulseResilience;
import io.sendpulse.spring.internal.health.ObservedClientState;
import io.sendpulse.spring.internal.health.SendPulseHealthIndicator;
import io.sendpulse.spring.internal.ratelimit.InMemoryPlaceStore;
import io.sendpulse.spring.internal.ratelimit.PlaceStore;
import io.sendpulse.spring.internal.ratelimit.SlidingWindowRateLimiter;
import io.sendpulse.spring.internal.ratelimit.redis.RedisConnectionWarmUp;
import io.sendpulse.spring.internal.ratelimit.redis.RedisPlaceStore;
import io.sendpulse.spring.internal.sms.DefaultReactiveSmsTemplate;
import io.sendpulse.spring.internal.sms.DefaultSmsTemplate;
import io.sendpulse.spring.internal.sms.SmsSegmentRecorder;
import io.sendpulse.spring.internal.sms.SmsTextRules;
import io.sendpulse.spring.internal.verify.DefaultReactiveVerifyTemplate;
import io.sendpulse.spring.internal.verify.DefaultVerifyTemplate;
import io.sendpulse.spring.internal.voice.DefaultReactiveVoiceTemplate;
import io.sendpulse.spring.internal.voice.DefaultVoiceTemplate;
import io.sendpulse.spring.internal.webhook.DeliveryStore;
import io.sendpulse.spring.internal.webhook.InMemoryDeliveryStore;
import io.sendpulse.spring.internal.webhook.redis.RedisDeliveryStore;
import io.sendpulse.spring.observation.SendPulseClientObservationConvention;
import io.sendpulse.spring.sms.SmsTemplate;
import io.sendpulse.spring.verify.VerifyTemplate;
import io.sendpulse.spring.voice.VoiceTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration for the SendPulse client and its templates: {@link SmsTemplate},
 * {@link VoiceTemplate} and {@link VerifyTemplate}, created when
 * {@code sendpulse.api-key} is set, sharing one client, one rate limiter and one retry;
 * and {@link SendPulseAccounts}, which gives the templates of the further accounts of
 * {@code sendpulse.accounts.<name>} and of keys the application holds at run time.
 */
@AutoConfiguration(afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
@ConditionalOnClass(WebClient.class)
@EnableConfigurationProperties(SendPulseProperties.class)
public final class SendPulseAutoConfiguration {

	private static final String BOOT_CONNECTOR_BUILDER = "org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder";

	private static final String REACTOR_NETTY_CLIENT = "reactor.netty.http.client.HttpClient";

	// Static: a BeanFactoryPostProcessor must not drag the configuration in early.
	@Bean
	static RuntimeApiKeyCheck sendPulseRuntimeApiKeyCheck(Environment environment) {
		// Each configuration class with beans, nested ones too. Not the health: without
		// a key, it reports the webhook delivery store, or is no bean.
		return new RuntimeApiKeyCheck(environment, ClientConfiguration.class,
				ClientConfiguration.BootConnectorConfiguration.class,
				ClientConfiguration.ReactorNettyConnectorConfiguration.class,
				ClientConfiguration.JdkConnectorConfiguration.class, SmsSegmentMetricsConfiguration.class,
				MetricsConfiguration.class, RedisStoreConfiguration.SpringDataRedisConfiguration.class,
				RedisStoreConfiguration.NoSpringDataRedisConfiguration.class);
	}

	// Static, as the one above.
	@Bean
	static SandboxRequestCheck sendPulseSandboxRequestCheck(Environment environment) {
		return new SandboxRequestCheck(environment);
	}

	// Static, as the one above.
	@Bean
	static WhitespacePropertyCheck sendPulseWhitespacePropertyCheck(Environment environment) {
		return new WhitespacePropertyCheck(environment);
	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnApiKeyCondition.class)
	static class ClientConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SendPulseConnectionDetails sendPulseConnectionDetails(SendPulseProperties properties, Environment environment) {
			return new PropertiesSendPulseConnectionDetails(properties, environment);
		}

		// Lazy, as the retry: made at the first call, or on the warm-up thread once the
		// application is ready, not while it starts (benchmark B6; only the types
		// Spring needs to know the bean's type load then). The settings are checked as
		// they are bound.
		@Bean
		@Lazy
		@ConditionalOnMissingBean(name = "sendPulseRateLimiter")
		@ConditionalOnBooleanProperty(name = "sendpulse.rate-limit.enabled", matchIfMissing = true)
		RateLimiter sendPulseRateLimiter(SendPulseProperties properties,
				ObjectProvider<SendPulseRateLimiterCustomizer> customizers, ObjectProvider<PlaceStore> placeStore) {
			SendPulseProperties.RateLimit rateLimit = properties.getRateLimit();
			RateLimiterConfig.Builder config = RateLimiterConfig.from(SendPulseResilience.rateLimiterConfig(
					rateLimit.getLimitForPeriod(), rateLimit.getRefreshPeriod(), rateLimit.getTimeout()));
			customizers.orderedStream().forEach((customizer) -> customizer.customize(config));
			// Resilience4j's own limiter counts fixed cycles on the client; ours holds
			// the limit in every sliding window where the API counts it.
			return new SlidingWindowRateLimiter(SendPulseResilience.NAME, config.build(),
					placeStore.getIfAvailable(InMemoryPlaceStore::new));
		}

		@Bean
		@Lazy
		@ConditionalOnMissingBean(name = "sendPulseRetry")
		@ConditionalOnBooleanProperty(name = "sendpulse.retry.enabled", matchIfMissing = true)
		Retry sendPulseRetry(SendPulseProperties properties, ObjectProvider<SendPulseRetryCustomizer> customizers) {
			SendPulseProperties.Retry retry = properties.getRetry();
			RetryConfig.Builder<Object> config = RetryConfig.from(SendPulseResilience.retryConfig(
					retry.getMaxAttempts(), retry.getInitialBackoff(), retry.getMultiplier(), retry.getMaxBackoff()));
			customizers.orderedStream().forEach((customizer) -> customizer.customize(config));
			return Retry.of(SendPulseResilience.NAME, config.build());
		}

		// What the client observed, for the health contributor: recorded whether or not
		// there is one, it costs a field write per attempt.
		@Bean
		ObservedClientState sendPulseClientState() {
			return new ObservedClientState(Clock.systemUTC());
		}

		// The calls in flight, which the application lets end before it closes.
		@Bean
		CallsInFlight sendPulseCallsInFlight() {
			return new CallsInFlight();
		}

		@Bean
		CallsInFlightDrain sendPulseCallsInFlightDrain(CallsInFlight sendPulseCallsInFlight) {
			return new CallsInFlightDrain(sendPulseCallsInFlight);
		}

		// The connector the clients share, made again once the context's lifecycle
		// has stopped: destroy methods may still send. A lifecycle bean, so made as the
		// context starts even when beans are lazy; what it needs is cheap to make.
		@Bean
		RenewableConnector sendPulseRenewableConnector(ConnectorFactory sendPulseConnectorFactory) {
			return new RenewableConnector(sendPulseConnectorFactory);
		}

		// What every account's client shares: the connector (one connection pool,
		// the timeouts, TLS and proxy), the retry and the observation set-up. The
		// connector and the WebClient are built at the first call, or on the warm-up
		// thread once the application is ready: building them loads the HTTP stack
		// and its codecs, which would otherwise lengthen every application's start.
		@Bean
		AccountClients sendPulseAccountClients(SendPulseProperties properties,
				SendPulseConnectionDetails connectionDetails, RenewableConnector sendPulseRenewableConnector,
				ObjectProvider<WebClient.Builder> webClientBuilder,
				ObjectProvider<SendPulseWebClientCustomizer> customizers,
				@Qualifier("sendPulseRetry") ObjectProvider<Retry> retry,
				ObjectProvider<ObservationRegistry> observationRegistry,
				ObjectProvider<SendPulseClientObservationConvention> observationConvention,
				ObjectProvider<ObservedClientState> clientState, CallsInFlight sendPulseCallsInFlight) {
			return new AccountClients(
					new ClientWebClientBuilder(webClientBuilder, customizers, sendPulseRenewableConnector),
					connectionDetails.baseUrl(), properties.getAttemptTimeout(), retry::getIfAvailable,
					observationRegistry.getIfAvailable(() -> ObservationRegistry.NOOP),
					observationConvention.getIfAvailable(), clientState.getIfAvailable(), sendPulseCallsInFlight);
		}

		// The client's own connector, so that its timeouts do not change the
		// application's clients: from Boot's ClientHttpConnectorBuilder when the
		// application has spring-boot-http-client (with spring.http.clients.*); else
		// built here. The starter does not bring that module: its five
		// auto-configurations would lengthen every application's start (benchmark B6).
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(name = BOOT_CONNECTOR_BUILDER)
		static class BootConnectorConfiguration {

			@Bean
			ConnectorFactory sendPulseConnectorFactory(SendPulseProperties properties,
					ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
					ObjectProvider<HttpClientSettings> httpClientSettings, ObjectProvider<SslBundles> sslBundles) {
				return BootConnectorFactory.of(properties, connectorBuilder.getIfAvailable(),
						httpClientSettings.getIfAvailable(), sslBundle(properties, sslBundles));
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnMissingClass(BOOT_CONNECTOR_BUILDER)
		@ConditionalOnClass(name = REACTOR_NETTY_CLIENT)
		static class ReactorNettyConnectorConfiguration {

			@Bean
			ConnectorFactory sendPulseConnectorFactory(SendPulseProperties properties,
					ObjectProvider<SslBundles> sslBundles) {
				return new ReactorNettyConnectorFactory(properties, sslBundle(properties, sslBundles));
			}

		}

		// An application that excluded Reactor Netty, as README shows, and has no
		// spring-boot-http-client to detect another connector.
		@Configuration(proxyBeanMethods = false)
		@ConditionalOnMissingClass({ BOOT_CONNECTOR_BUILDER, REACTOR_NETTY_CLIENT })
		static class JdkConnectorConfiguration {

			@Bean
			ConnectorFactory sendPulseConnectorFactory(SendPulseProperties properties,
					ObjectProvider<SslBundles> sslBundles) {
				return new JdkConnectorFactory(properties, sslBundle(properties, sslBundles));
			}

		}

		// Looked up now: an unknown bundle fails the start.
		private static @Nullable SslBundle sslBundle(SendPulseProperties properties,
				ObjectProvider<SslBundles> sslBundles) {
			String name = properties.getSsl().getBundle();
			if (name == null) {
				return null;
			}
			try {
				return sslBundles.getObject().getBundle(name);
			}
			catch (NoSuchSslBundleException ex) {
				throw new InvalidSendPulsePropertyException("sendpulse.ssl.bundle", "sendpulse.ssl.bundle names '"
						+ name + "', which is not one of the application's SSL bundles (spring.ssl.bundle.*)");
			}
		}

		@Bean
		@ConditionalOnMissingBean
		SendPulseClient sendPulseClient(AccountClients sendPulseAccountClients,
				SendPulseConnectionDetails connectionDetails,
				@Qualifier("sendPulseRateLimiter") ObjectProvider<RateLimiter> rateLimiter) {
			return sendPulseAccountClients.create(connectionDetails.apiKey(), rateLimiter::getIfAvailable,
					SendPulseAccounts.DEFAULT, OnApiKeyCondition.PROPERTY);
		}

		// The client's parts, which its first call would build, built on a thread of
		// their own once the application is ready.
		@Bean
		ClientWarmUp sendPulseClientWarmUp(SendPulseClient sendPulseClient, AccountClients sendPulseAccountClients) {
			return new ClientWarmUp(sendPulseClient, sendPulseAccountClients::obtainFromContext);
		}

		/**
		 * The clients' {@code WebClient.Builder}: what the application context gives (its
		 * builder and the customizers), asked for at the first call, by the warm-up, or
		 * as the context starts closing, whichever comes first; and the builder prepared
		 * from it with the client's own connector, at the first call or by the warm-up.
		 */
		private static final class ClientWebClientBuilder implements AccountClients.WebClientBuilderSource {

			private final SingletonSupplier<FromContext> fromContext;

			private final SingletonSupplier<WebClient.Builder> prepared;

			ClientWebClientBuilder(ObjectProvider<WebClient.Builder> webClientBuilder,
					ObjectProvider<SendPulseWebClientCustomizer> customizers, RenewableConnector connector) {
				this.fromContext = SingletonSupplier
					.of(() -> new FromContext(webClientBuilder.getIfAvailable(WebClient::builder).clone(),
							customizers.orderedStream().toList()));
				this.prepared = SingletonSupplier.of(() -> {
					FromContext parts = this.fromContext.obtain();
					// A copy: a customizer that throws leaves the next call clean.
					WebClient.Builder prepared = parts.builder().clone();
					prepared.clientConnector(connector.connector());
					parts.customizers().forEach((customizer) -> customizer.customize(prepared));
					return prepared;
				});
			}

			@Override
			public WebClient.Builder get() {
				return this.prepared.obtain();
			}

			@Override
			public void obtainFromContext() {
				this.fromContext.obtain();
			}

		}

		private record FromContext(WebClient.Builder builder, List<SendPulseWebClientCustomizer> customizers) {

		}

		@Bean
		@ConditionalOnMissingBean
		SmsTemplate smsTemplate(SendPulseClient sendPulseClient, SendPulseProperties properties,
				ObjectProvider<SmsSegmentRecorder> segmentRecorder) {
			SendPulseProperties.Sms sms = properties.getSms();
			// Micrometer is optional: segments are counted only when it is there.
			SmsSegmentRecorder segments = segmentRecorder.getIfAvailable(() -> SmsSegmentRecorder.NONE);
			return new DefaultSmsTemplate(new DefaultReactiveSmsTemplate(sendPulseClient,
					SendPulseAccountsFactory.sender("sendpulse.sms.from", sms.getFrom()), sms.getBulkConcurrency(),
					new SmsTextRules(sms.isSmartEncoding(), sms.getMaxSegments()), segments));
		}

		@Bean
		@ConditionalOnMissingBean
		VoiceTemplate voiceTemplate(SendPulseClient sendPulseClient, SendPulseProperties properties) {
			return new DefaultVoiceTemplate(new DefaultReactiveVoiceTemplate(sendPulseClient,
					SendPulseAccountsFactory.callerId("sendpulse.voice.from", properties.getVoice().getFrom())));
		}

		@Bean
		@ConditionalOnMissingBean
		VerifyTemplate verifyTemplate(SendPulseClient sendPulseClient, SendPulseProperties properties) {
			SendPulseProperties.Verify verify = properties.getVerify();
			return new DefaultVerifyTemplate(new DefaultReactiveVerifyTemplate(sendPulseClient, verify.getChannel(),
					verify.getCodeLength(), verify.getExpiry()));
		}

		// The default account is the template beans, whoever defined them; the others
		// are built on the same connector and store, one rate limiter per key.
		@Bean
		@ConditionalOnMissingBean
		SendPulseAccounts sendPulseAccounts(SendPulseProperties properties,
				SendPulseConnectionDetails connectionDetails, AccountClients sendPulseAccountClients,
				SmsTemplate smsTemplate, VoiceTemplate voiceTemplate, VerifyTemplate verifyTemplate,
				@Qualifier("sendPulseRateLimiter") ObjectProvider<RateLimiter> rateLimiter,
				ObjectProvider<SendPulseRateLimiterCustomizer> customizers,
				ObjectProvider<AccountPlaceStores> placeStores, ObjectProvider<SmsSegmentMetrics> segmentMetrics,
				Environment environment) {
			SendPulseAccountsFactory factory = new SendPulseAccountsFactory(properties, sendPulseAccountClients,
					customizers.orderedStream().toList(), placeStores.getIfAvailable(() -> AccountPlaceStores.MEMORY),
					segmentMetrics.getIfAvailable(), environment);
			return factory.create(
					new DefaultSendPulseAccount(SendPulseAccounts.DEFAULT, smsTemplate, voiceTemplate, verifyTemplate),
					connectionDetails.apiKey(), rateLimiter::getIfAvailable);
		}

	}

	/**
	 * {@code sendpulse.store=redis}: the rate limiter's places in Redis. Nothing here is
	 * loaded with the default memory store.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(OnApiKeyCondition.class)
	@ConditionalOnProperty(name = "sendpulse.store", havingValue = "redis")
	static class RedisStoreConfiguration {

		/** Waiting longer than this for Redis counts as Redis being unreachable. */
		private static final Duration LONGEST_COMMAND = Duration.ofSeconds(1);

		private static final Duration SHORTEST_COMMAND = Duration.ofMillis(100);

		private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(5);

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(ReactiveStringRedisTemplate.class)
		static class SpringDataRedisConfiguration {

			@Bean
			@ConditionalOnMissingBean(PlaceStore.class)
			RedisPlaceStore sendPulsePlaceStore(ObjectProvider<ReactiveRedisConnectionFactory> connectionFactory,
					SendPulseConnectionDetails connectionDetails, SendPulseProperties properties) {
				SendPulseProperties.RateLimit rateLimit = properties.getRateLimit();
				return placeStore(connectionFactory, connectionDetails.apiKey(), properties.getAttemptTimeout(),
						rateLimit.getRefreshPeriod(), rateLimit.getTimeout());
			}

			// Connected while the application starts, so that a short rate-limit timeout
			// does not fail the first sends of a cold JVM.
			@Bean
			RedisConnectionWarmUp sendPulseRedisConnectionWarmUp(
					ObjectProvider<ReactiveRedisConnectionFactory> connectionFactory) {
				ReactiveRedisConnectionFactory factory = connectionFactory.getIfAvailable();
				if (factory == null) {
					throw new MissingRedisConnectionException(true);
				}
				return new RedisConnectionWarmUp(factory, WARM_UP_TIMEOUT);
			}

			// Each further account's key: its places under its own key's hash, on the
			// same connection.
			@Bean
			AccountPlaceStores sendPulseAccountPlaceStores(
					ObjectProvider<ReactiveRedisConnectionFactory> connectionFactory, SendPulseProperties properties) {
				return (apiKey, rateLimit) -> placeStore(connectionFactory, apiKey, properties.getAttemptTimeout(),
						rateLimit.refreshPeriod(), rateLimit.timeout());
			}

			private static RedisPlaceStore placeStore(ObjectProvider<ReactiveRedisConnectionFactory> connectionFactory,
					String apiKey, Duration attemptTimeout, Duration refreshPeriod, Duration rateLimitTimeout) {
				ReactiveRedisConnectionFactory factory = connectionFactory.getIfAvailable();
				if (factory == null) {
					throw new MissingRedisConnectionException(true);
				}
				// A place whose instance died mid-request: its request reached the API
				// within the attempt timeout, if at all, and counts one period more.
				Duration inFlightBound = attemptTimeout.plus(refreshPeriod).plusSeconds(1);
				// A caller waits for Redis no longer than for a place, within limits.
				Duration commandTimeout = rateLimitTimeout;
				commandTimeout = (commandTimeout.compareTo(LONGEST_COMMAND) > 0) ? LONGEST_COMMAND : commandTimeout;
				commandTimeout = (commandTimeout.compareTo(SHORTEST_COMMAND) < 0) ? SHORTEST_COMMAND : commandTimeout;
				return new RedisPlaceStore(new ReactiveStringRedisTemplate(factory), apiKey, inFlightBound,
						refreshPeriod, commandTimeout);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnMissingClass("org.springframework.data.redis.core.ReactiveStringRedisTemplate")
		static class NoSpringDataRedisConfiguration {

			// Fail rather than fall back to memory, where each instance would send the
			// whole limit.
			@Bean
			PlaceStore sendPulsePlaceStore() {
				throw new MissingRedisConnectionException(false);
			}

		}

	}

	/**
	 * {@code sendpulse.store=redis}: the memory of webhook deliveries in Redis. Lazy:
	 * made only when a webhook endpoint asks for it, so an application without one needs
	 * no Redis for it.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "sendpulse.store", havingValue = "redis")
	static class RedisDeliveryStoreConfiguration {

		/** A claim whose instance died lasts this long: twice the wait of a copy. */
		private static final Duration CLAIM_EXPIRY = Duration.ofMinutes(1);

		private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(ReactiveStringRedisTemplate.class)
		static class SpringDataRedisConfiguration {

			@Bean
			@Lazy
			RedisDeliveryStore sendPulseDeliveryStore(
					ObjectProvider<ReactiveRedisConnectionFactory> connectionFactory) {
				ReactiveRedisConnectionFactory factory = connectionFactory.getIfAvailable();
				if (factory == null) {
					throw new MissingRedisConnectionException(true);
				}
				return new RedisDeliveryStore(new ReactiveStringRedisTemplate(factory), CLAIM_EXPIRY, COMMAND_TIMEOUT);
			}

		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnMissingClass("org.springframework.data.redis.core.ReactiveStringRedisTemplate")
		static class NoSpringDataRedisConfiguration {

			// Fail rather than fall back to memory, where each instance would publish
			// every delivery it gets.
			@Bean
			@Lazy
			DeliveryStore sendPulseDeliveryStore() {
				throw new MissingRedisConnectionException(false);
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnApiKeyCondition.class)
	@ConditionalOnClass(MeterRegistry.class)
	static class SmsSegmentMetricsConfiguration {

		// The registry is looked up at the first send, when every bean exists.
		@Bean
		SmsSegmentMetrics sendPulseSmsSegmentMetrics(ObjectProvider<MeterRegistry> meterRegistry) {
			return new SmsSegmentMetrics(meterRegistry);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@Conditional(OnApiKeyCondition.class)
	@ConditionalOnClass({ MeterRegistry.class, TaggedRateLimiterMetrics.class })
	static class MetricsConfiguration {

		// A MeterBinder: Boot binds it to every MeterRegistry there is, and it idles when
		// there is none.
		@Bean
		@ConditionalOnMissingBean(name = "sendPulseMetrics")
		SendPulseMetrics sendPulseMetrics(@Qualifier("sendPulseRateLimiter") ObjectProvider<RateLimiter> rateLimiter,
				@Qualifier("sendPulseRetry") ObjectProvider<Retry> retry, ObjectProvider<SendPulseAccounts> accounts) {
			// Further accounts' keys have limiters of their own, named
			// sendpulse-<account>, asked for when the metrics are bound, not when this
			// bean
			// is created.
			return new SendPulseMetrics(rateLimiter.getIfAvailable(), retry.getIfAvailable(), () -> {
				SendPulseAccounts all = accounts.getIfAvailable();
				return (all instanceof DefaultSendPulseAccounts defaults)
						? List.copyOf(defaults.rateLimiters().values()) : List.of();
			});
		}

	}

	/**
	 * The {@code sendpulse} health. Without an API key there is no client to report on:
	 * with {@code sendpulse.store=redis} it reports the webhook delivery store (an
	 * application that only receives webhooks), and otherwise there is none. Decided when
	 * the bean is made too (then {@code null}, no bean), so that an AOT-processed
	 * application, whose conditions assumed a key, decides it at run time as well.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("sendpulse")
	@Conditional(HealthConfiguration.ClientOrSharedStore.class)
	static class HealthConfiguration {

		private static final String DELIVERY_STORE = "sendPulseDeliveryStore";

		// A failed connection keeps the health DOWN this long unless a call gets through.
		private static final Duration CONNECTION_FAILURE_WINDOW = Duration.ofMinutes(1);

		@Bean
		@ConditionalOnMissingBean(name = "sendpulseHealthContributor")
		@Nullable SendPulseHealthIndicator sendpulseHealthContributor(ObjectProvider<ObservedClientState> sendPulseClientState,
				@Qualifier("sendPulseRateLimiter") ObjectProvider<RateLimiter> rateLimiter,
				ObjectProvider<PlaceStore> placeStore, ConfigurableListableBeanFactory beanFactory) {
			ObservedClientState clientState = sendPulseClientState.getIfAvailable();
			if (clientState == null) {
				// The store as the bean definitions have it: AOT fixed them when it
				// processed the application, whatever sendpulse.store says now.
				Class<?> store = beanFactory.containsBeanDefinition(DELIVERY_STORE)
						? beanFactory.getType(DELIVERY_STORE, false) : null;
				return (store != null && !InMemoryDeliveryStore.class.isAssignableFrom(store))
						? SendPulseHealthIndicator.forWebhooks(() -> deliveryStore(beanFactory)) : null;
			}
			return new SendPulseHealthIndicator(clientState, rateLimiter::getIfAvailable, CONNECTION_FAILURE_WINDOW,
					placeStore.getIfAvailable(), () -> deliveryStore(beanFactory));
		}

		// Only once a webhook endpoint has made it (it is lazy): nothing to report
		// before.
		private static @Nullable DeliveryStore deliveryStore(ConfigurableListableBeanFactory beanFactory) {
			return beanFactory.containsSingleton(DELIVERY_STORE)
					? beanFactory.getBean(DELIVERY_STORE, DeliveryStore.class) : null;
		}

		// The API key, or a webhook delivery store to report on.
		static final class ClientOrSharedStore extends AnyNestedCondition {

			ClientOrSharedStore() {
				super(ConfigurationPhase.REGISTER_BEAN);
			}

			@Conditional(OnApiKeyCondition.class)
			static class ApiKey {

			}

			@ConditionalOnProperty(name = "sendpulse.store", havingValue = "redis")
			static class SharedStore {

			}

		}

	}

}
