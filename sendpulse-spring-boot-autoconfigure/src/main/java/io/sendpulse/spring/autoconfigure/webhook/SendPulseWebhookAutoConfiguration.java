package io.sendpulse.spring.autoconfigure.webhook;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

import io.micrometer.observation.ObservationRegistry;
import io.sendpulse.spring.autoconfigure.SendPulseAutoConfiguration;
import io.sendpulse.spring.autoconfigure.SendPulseProperties;
import io.sendpulse.spring.internal.InvalidSendPulsePropertyException;
import io.sendpulse.spring.webhook.SendPulseEvent;
import io.sendpulse.spring.webhook.SendPulseWebhook;
import io.sendpulse.spring.internal.webhook.DeliveryStore;
import io.sendpulse.spring.internal.webhook.InMemoryDeliveryStore;
import io.sendpulse.spring.internal.webhook.MicrometerWebhookDeliveryObserver;
import io.sendpulse.spring.internal.webhook.WebhookDeliveryObserver;
import io.sendpulse.spring.internal.webhook.WebhookProcessor;
import io.sendpulse.spring.webhook.WebhookSignatureVerifier;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.thread.Threading;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * Auto-configuration for {@link SendPulseWebhook} endpoints: in a Spring MVC or WebFlux
 * application that declares at least one, a {@link WebhookProcessor} verifies, reads,
 * deduplicates and publishes deliveries, served by a router function on WebFlux and by a
 * handler mapping of its own on Spring MVC. When Spring Security is in use, the webhook
 * paths (authenticated by their signature) are let through while every other path stays
 * as protected as before. Requires {@code sendpulse.webhook.secret}: without it, startup
 * fails. An endpoint of a further account ({@code @SendPulseWebhook(account = "eu")}) has
 * a processor of its own, which verifies with {@code sendpulse.accounts.eu.webhook.*}
 * (the top-level secrets when it sets none) and publishes events whose {@code account()}
 * is {@code eu}.
 */
@AutoConfiguration(after = SendPulseAutoConfiguration.class, afterName = {
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.actuate.web.reactive.ReactiveManagementWebSecurityAutoConfiguration" })
@ConditionalOnWebApplication
@Conditional(OnSendPulseWebhookCondition.class)
@EnableConfigurationProperties(SendPulseProperties.class)
public final class SendPulseWebhookAutoConfiguration {

	private static final String TOP_LEVEL = "sendpulse.webhook.";

	@Bean
	static SendPulseWebhookEndpoints sendPulseWebhookEndpoints(ConfigurableListableBeanFactory beanFactory) {
		return SendPulseWebhookEndpoints.find(beanFactory);
	}

	// The top-level account's. When every endpoint belongs to a further account and the
	// top level sets no secret, there is nothing to verify with: no verifier (null), and
	// no top-level processor either.
	@Bean
	@ConditionalOnMissingBean
	@Nullable WebhookSignatureVerifier webhookSignatureVerifier(SendPulseProperties properties,
			SendPulseWebhookEndpoints endpoints) {
		SendPulseProperties.Webhook webhook = properties.getWebhook();
		if (!StringUtils.hasText(webhook.getSecret())) {
			List<String> paths = endpoints.pathsOf(SendPulseEvent.DEFAULT_ACCOUNT);
			if (paths.isEmpty()) {
				return null;
			}
			throw new MissingWebhookSecretException(paths);
		}
		return new WebhookSignatureVerifier(
				secrets(TOP_LEVEL, webhook.getSecret(), TOP_LEVEL, webhook.getAdditionalSecrets()),
				webhook.getTolerance(), Clock.systemUTC());
	}

	// Stripped, as the API key is: a secret mounted from a file often ends with a
	// newline, and would then fail every delivery. A placeholder left unresolved is
	// refused: as a secret, it would be one written in the application's configuration.
	private static List<String> secrets(String prefix, String secret, String additionalPrefix,
			List<String> additionalSecrets) {
		List<String> secrets = new ArrayList<>();
		secrets.add(InvalidSendPulsePropertyException.resolved(prefix + "secret", secret).strip());
		for (int i = 0; i < additionalSecrets.size(); i++) {
			String additional = InvalidSendPulsePropertyException
				.resolved(additionalPrefix + "additional-secrets[" + i + "]", additionalSecrets.get(i));
			if (StringUtils.hasText(additional)) {
				secrets.add(additional.strip());
			}
		}
		return secrets;
	}

	@Bean
	@Nullable WebhookProcessor webhookProcessor(ObjectProvider<WebhookSignatureVerifier> webhookSignatureVerifier,
			ApplicationEventPublisher eventPublisher, SendPulseProperties properties,
			ObjectProvider<WebhookDeliveryObserver> deliveryObserver, DeliveryStore sendPulseDeliveryStore) {
		WebhookSignatureVerifier verifier = webhookSignatureVerifier.getIfAvailable();
		if (verifier == null) {
			return null;
		}
		return new WebhookProcessor(verifier, eventPublisher, properties.getWebhook().getMaxPayloadSize().toBytes(),
				Clock.systemUTC(), deliveryObserver.getIfAvailable(() -> WebhookDeliveryObserver.NONE),
				sendPulseDeliveryStore, () -> DeliveryStore.namespace(SendPulseEvent.DEFAULT_ACCOUNT));
	}

	// One processor per account with an endpoint: the top-level one's is the bean above,
	// each further account's verifies with that account's secrets and names it in its
	// events.
	@Bean
	WebhookProcessors sendPulseWebhookProcessors(SendPulseWebhookEndpoints endpoints,
			ObjectProvider<WebhookProcessor> webhookProcessor, SendPulseProperties properties,
			ApplicationEventPublisher eventPublisher, ObjectProvider<WebhookDeliveryObserver> deliveryObserver,
			DeliveryStore sendPulseDeliveryStore) {
		Map<String, WebhookProcessor> byAccount = new LinkedHashMap<>();
		for (String account : endpoints.accountNames()) {
			if (SendPulseEvent.DEFAULT_ACCOUNT.equals(account)) {
				byAccount.put(account, webhookProcessor.getObject());
				continue;
			}
			byAccount.put(account, accountProcessor(account, endpoints, properties, eventPublisher,
					deliveryObserver.getIfAvailable(() -> WebhookDeliveryObserver.NONE), sendPulseDeliveryStore));
		}
		Map<String, WebhookProcessor> byPath = new LinkedHashMap<>();
		endpoints.accounts().forEach((path, account) -> byPath.put(path, byAccount.get(account)));
		return new WebhookProcessors(byPath);
	}

	private static WebhookProcessor accountProcessor(String account, SendPulseWebhookEndpoints endpoints,
			SendPulseProperties properties, ApplicationEventPublisher eventPublisher,
			WebhookDeliveryObserver deliveryObserver, DeliveryStore deliveryStore) {
		SendPulseProperties.Account settings = properties.getAccounts().get(account);
		if (settings == null) {
			List<String> paths = endpoints.pathsOf(account);
			throw new IllegalStateException("@SendPulseWebhook(account = \"" + account + "\") at " + paths + " on "
					+ endpoints.declarers().get(paths.get(0)) + " names no account: the accounts are "
					+ accountNames(properties) + " (configure it under sendpulse.accounts." + account + ".*)");
		}
		SendPulseProperties.Webhook top = properties.getWebhook();
		SendPulseProperties.Account.Webhook own = settings.getWebhook();
		List<String> secrets;
		String prefix = "sendpulse.accounts." + account + ".webhook.";
		if (StringUtils.hasText(own.getSecret())) {
			// Its own secret: the top-level rotation secrets are not its.
			secrets = secrets(prefix, own.getSecret(), prefix,
					(own.getAdditionalSecrets() != null) ? own.getAdditionalSecrets() : List.of());
		}
		else if (StringUtils.hasText(top.getSecret())) {
			secrets = (own.getAdditionalSecrets() != null)
					? secrets(TOP_LEVEL, top.getSecret(), prefix, own.getAdditionalSecrets())
					: secrets(TOP_LEVEL, top.getSecret(), TOP_LEVEL, top.getAdditionalSecrets());
		}
		else {
			throw new MissingWebhookSecretException(endpoints.pathsOf(account), account);
		}
		WebhookSignatureVerifier verifier = new WebhookSignatureVerifier(secrets, top.getTolerance(),
				Clock.systemUTC());
		return new WebhookProcessor(verifier, new AccountEventPublisher(eventPublisher, account),
				top.getMaxPayloadSize().toBytes(), Clock.systemUTC(), deliveryObserver.forAccount(account),
				deliveryStore, () -> DeliveryStore.namespace(account));
	}

	private static List<String> accountNames(SendPulseProperties properties) {
		List<String> names = new ArrayList<>();
		names.add(SendPulseEvent.DEFAULT_ACCOUNT);
		names.addAll(properties.getAccounts().keySet());
		return names;
	}

	// sendpulse.store=redis has its store in SendPulseAutoConfiguration; without it, the
	// start fails rather than remember deliveries per instance.
	@Bean
	@ConditionalOnProperty(name = "sendpulse.store", havingValue = "memory", matchIfMissing = true)
	InMemoryDeliveryStore sendPulseDeliveryStore() {
		return new InMemoryDeliveryStore();
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ObservationRegistry.class)
	static class ObservationConfiguration {

		// One observation per delivery, sendpulse.webhook.deliveries, when the
		// application has an ObservationRegistry (Boot's turns it into a timer).
		@Bean
		WebhookDeliveryObserver sendPulseWebhookDeliveryObserver(ObjectProvider<ObservationRegistry> registry) {
			return new MicrometerWebhookDeliveryObserver(registry.getIfAvailable(() -> ObservationRegistry.NOOP));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(SimpleUrlHandlerMapping.class)
	static class WebMvcConfiguration {

		@Bean
		SimpleUrlHandlerMapping sendPulseWebhookHandlerMapping(WebhookProcessors sendPulseWebhookProcessors,
				SendPulseWebhookEndpoints endpoints) {
			return new WebMvcWebhookHandler(sendPulseWebhookProcessors).handlerMapping(endpoints);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass({ SecurityFilterChain.class, HttpSecurity.class, PathPatternRequestMatcher.class })
		@ConditionalOnBean(HttpSecurity.class)
		static class WebMvcSecurityConfiguration {

			// A chain of its own that matches only the webhook paths, ahead of the
			// others: Boot's
			// default chain (or the application's) keeps protecting everything else.
			@Bean
			@Order(Ordered.HIGHEST_PRECEDENCE)
			@ConditionalOnMissingBean(name = "sendPulseWebhookSecurityFilterChain")
			SecurityFilterChain sendPulseWebhookSecurityFilterChain(HttpSecurity http,
					SendPulseWebhookEndpoints endpoints,
					ObjectProvider<PathPatternRequestMatcher.Builder> requestMatcherBuilder) throws Exception {
				// Boot's builder, when there is one, knows the DispatcherServlet's path.
				PathPatternRequestMatcher.Builder matcher = requestMatcherBuilder
					.getIfAvailable(PathPatternRequestMatcher::withDefaults);
				List<RequestMatcher> matchers = endpoints.paths()
					.stream()
					.map((path) -> (RequestMatcher) matcher.matcher(path))
					.toList();
				http.securityMatcher(new OrRequestMatcher(matchers))
					.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
					.csrf((csrf) -> csrf.disable())
					.requestCache((cache) -> cache.disable())
					.securityContext((context) -> context.disable())
					.sessionManagement((sessions) -> sessions.disable());
				return http.build();
			}

		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class WebFluxConfiguration {

		private static final String LISTENER_THREAD_PREFIX = "sendpulse-webhook-";

		@Bean
		WebFluxWebhookHandler sendPulseWebhookHandler(WebhookProcessors sendPulseWebhookProcessors,
				SendPulseProperties properties, Environment environment) {
			return new WebFluxWebhookHandler(sendPulseWebhookProcessors,
					listenerExecutor(properties.getWebhook(), environment));
		}

		// Spring's events are synchronous on the publishing thread: listeners that may
		// block (a template's blocking method, JDBC) must not run on the event loop.
		// Virtual threads when they are on, as Boot runs WebFlux's blocking handler
		// methods; else threads of the starter's own, an idle one first, up to
		// sendpulse.webhook.listener-pool.max-size (boundedElastic's size unless set)
		// once they are all busy (benchmarks B4 and B4-blocking).
		// Not Boot's application task executor: its 8 threads would be shared with
		// @Async methods, and it stops taking tasks before the web server has drained
		// its requests.
		private static Executor listenerExecutor(SendPulseProperties.Webhook webhook, Environment environment) {
			if (!webhook.isBlockingListeners()) {
				return Runnable::run;
			}
			if (Threading.VIRTUAL.isActive(environment)) {
				return new VirtualThreadTaskExecutor(LISTENER_THREAD_PREFIX);
			}
			return ListenerThreads.of(LISTENER_THREAD_PREFIX, webhook.getListenerPool().getMaxSize(),
					webhook.getListenerPool().getQueueCapacity());
		}

		@Bean
		RouterFunction<ServerResponse> sendPulseWebhookRouterFunction(WebFluxWebhookHandler sendPulseWebhookHandler,
				SendPulseWebhookEndpoints endpoints) {
			return sendPulseWebhookHandler.routes(endpoints);
		}

		@Configuration(proxyBeanMethods = false)
		@ConditionalOnClass(WebFilterChainProxy.class)
		@ConditionalOnBean(WebFilterChainProxy.class)
		static class WebFluxSecurityConfiguration {

			@Bean
			WebFluxWebhookSecurityFilter sendPulseWebhookSecurityFilter(SendPulseWebhookEndpoints endpoints,
					WebFluxWebhookHandler sendPulseWebhookHandler) {
				return new WebFluxWebhookSecurityFilter(endpoints, sendPulseWebhookHandler);
			}

		}

	}

}
