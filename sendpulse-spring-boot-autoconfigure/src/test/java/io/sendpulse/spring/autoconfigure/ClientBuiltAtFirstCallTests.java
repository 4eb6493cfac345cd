package io.sendpulse.spring.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.micrometer.core.instrument.MeterRegistry;
import io.sendpulse.spring.SendPulseConnectionException;
import io.sendpulse.spring.SendPulseException;
import io.sendpulse.spring.TemplateContexts;
import io.sendpulse.spring.accounts.SendPulseAccounts;
import io.sendpulse.spring.internal.InvalidSendPulsePropertyException;
import io.sendpulse.spring.sms.SmsMessage;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.DefaultResourceLoader;
import org.springframework.http.client.ReactorResourceFactory;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/**
 * The client's connector and {@code WebClient}, its rate limiter and retry are built at
 * the first call, or by the warm-up once the application is ready, not while it starts
 * (benchmark B6: building them loads the HTTP stack and Resilience4j), once for every
 * account; what can be wrong in their settings still fails the start.
 */
class ClientBuiltAtFirstCallTests {

	// Spring Boot's switch, which the starter's warm-up follows too.
	private static final String WARM_UP_OFF = "spring.backgroundpreinitializer.ignore";

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, SendPulseAutoConfiguration.class))
		.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=20ms", "sendpulse.api-key=sk-default",
				"sendpulse.sms.from=Acme", "sendpulse.retry.enabled=false");

	@Test
	void theWebClientIsBuiltAtTheFirstSendOnceForEveryAccount() {
		this.contextRunner.withUserConfiguration(CountingCustomizer.class)
			.withPropertyValues("sendpulse.base-url=" + this.server.url("/"), "sendpulse.accounts.eu.api-key=sk-eu")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				AtomicInteger builds = context.getBean(CountingCustomizer.class).builds;
				assertThat(builds).as("WebClients built while the application started").hasValue(0);
				this.server.enqueue(TemplateContexts.queued());
				context.getBean(SmsTemplate.class).send(sms("Hello"));
				assertThat(builds).hasValue(1);
				this.server.enqueue(TemplateContexts.queued());
				this.server.enqueue(TemplateContexts.queued());
				SendPulseAccounts accounts = context.getBean(SendPulseAccounts.class);
				accounts.sms("eu").send(sms("Hallo"));
				accounts.forApiKey("sk-runtime").sms().send(sms("Hi"));
				assertThat(builds).as("one connector and pool, shared by every account").hasValue(1);
				assertThat(this.server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer sk-default");
				assertThat(this.server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer sk-eu");
				assertThat(this.server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer sk-runtime");
			});
	}

	@Test
	void theRateLimiterAndRetryAreMadeAtTheFirstSend() {
		// Making them loads Resilience4j's classes. The limiter's metrics read it as they
		// are bound: an application without Micrometer; the health contributor asks for
		// it at each check.
		this.contextRunner.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.withPropertyValues("sendpulse.base-url=" + this.server.url("/"), "sendpulse.retry.enabled=true")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
				assertThat(beanFactory.containsSingleton("sendPulseRateLimiter")).isFalse();
				assertThat(beanFactory.containsSingleton("sendPulseRetry")).isFalse();
				this.server.enqueue(TemplateContexts.queued());
				context.getBean(SmsTemplate.class).send(sms("Hello"));
				assertThat(this.server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer sk-default");
				assertThat(beanFactory.containsSingleton("sendPulseRateLimiter")).isTrue();
				assertThat(beanFactory.containsSingleton("sendPulseRetry")).isTrue();
			});
	}

	@Test
	void aReadyApplicationBuildsTheWebClientBeforeItsFirstSend() {
		SpringApplication application = new SpringApplication(WarmedUpApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--spring.main.banner-mode=off",
				"--spring.reactor.netty.shutdown-quiet-period=20ms", "--sendpulse.api-key=sk-default")) {
			AtomicInteger builds = context.getBean(CountingCustomizer.class).builds;
			await().atMost(Duration.ofSeconds(30)).untilAtomic(builds, equalTo(1));
		}
	}

	@Test
	void aFirstCallOnANonBlockingThreadBuildsTheClientWithoutBlocking() {
		// A WebFlux handler's first send builds the connector on an event loop: building
		// it (and warming it up) must not block there.
		this.contextRunner.withPropertyValues("sendpulse.base-url=" + this.server.url("/")).run((context) -> {
			this.server.enqueue(TemplateContexts.queued());
			Mono<SmsMessage> send = context.getBean(SmsTemplate.class)
				.reactive()
				.send(sms("Hello"))
				.subscribeOn(Schedulers.parallel());
			StepVerifier.create(send)
				.assertNext((message) -> assertThat(message.id()).isEqualTo("msg_1"))
				.expectComplete()
				.verify(Duration.ofSeconds(10));
		});
	}

	@Test
	void theStartersConnectorAsksForNoCompression() {
		// Every answer is a small JSON object: gzip would cost both sides work for
		// nothing.
		this.contextRunner.withPropertyValues("sendpulse.base-url=" + this.server.url("/"))
			.run((context) -> assertThat(acceptEncodingOfASend(context)).isNull());
	}

	@Test
	void aConnectorFromACustomizerIsUsedAsItIs() {
		this.contextRunner.withUserConfiguration(CompressingConnector.class)
			.withPropertyValues("sendpulse.base-url=" + this.server.url("/"))
			.run((context) -> assertThat(acceptEncodingOfASend(context)).contains("gzip"));
	}

	private @Nullable String acceptEncodingOfASend(ApplicationContext context) throws InterruptedException {
		this.server.enqueue(TemplateContexts.queued());
		context.getBean(SmsTemplate.class).send(sms("Hello"));
		return this.server.takeRequest().getHeaders().get("Accept-Encoding");
	}

	@Test
	void anotherConnectorIsUsedAsItIs() {
		// Only Reactor Netty's connector is warmed up.
		this.contextRunner.withUserConfiguration(JdkConnector.class)
			.withPropertyValues("sendpulse.base-url=" + this.server.url("/"))
			.run((context) -> {
				this.server.enqueue(TemplateContexts.queued());
				assertThat(context.getBean(SmsTemplate.class).send(sms("Hello")).id()).isEqualTo("msg_1");
			});
	}

	@Test
	void onlyBootsReactorNettyConnectorIsMadeAgainAfterTheContextStops() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(ConnectorFactory.class).usesContextResources()).isTrue());
		this.contextRunner.withUserConfiguration(JdkConnector.class)
			.run((context) -> assertThat(context.getBean(ConnectorFactory.class).usesContextResources()).isFalse());
	}

	@ParameterizedTest
	@ValueSource(booleans = { true, false })
	void aFirstSendWhileTheContextClosesGoesOut(boolean resilience) {
		// A bean that says goodbye as it is destroyed, in an application whose client
		// never sent and never warmed up: the lazy rate limiter and retry cannot be made
		// once beans are being destroyed, so they are made as the context starts closing.
		this.contextRunner.withUserConfiguration(GoodbyeOnClose.class)
			.withPropertyValues("sendpulse.base-url=" + this.server.url("/"), "sendpulse.retry.enabled=" + resilience,
					"sendpulse.rate-limit.enabled=" + resilience)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				this.server.enqueue(TemplateContexts.queued());
			});
		assertThat(this.server.getRequestCount()).as("goodbye sent").isEqualTo(1);
	}

	/**
	 * As users run applications: ready, then closed. Spring stops the context's lifecycle
	 * beans before it destroys any bean, and Reactor Netty's resources managed by the
	 * context (a {@link ReactorResourceFactory}: Boot's, or a WebFlux server's) with it,
	 * whether the client was built by the warm-up, by an earlier send, or not at all.
	 * Boot's connector is made from those resources, so the client makes it again. The
	 * starter's own takes Reactor Netty's global resources afresh at each connection: its
	 * cases, with and without a resource factory, show that it needs nothing more.
	 */
	@ParameterizedTest(name = "{0}, warm-up {1}, sent before {2}")
	@MethodSource("readyApplications")
	void aSendFromADestroyMethodOfAReadyApplicationGoesOut(Class<?> application, boolean warmUp, boolean sentBefore) {
		String previous = System.getProperty(WARM_UP_OFF);
		System.setProperty(WARM_UP_OFF, String.valueOf(!warmUp));
		try {
			SpringApplication app = new SpringApplication(
					new DefaultResourceLoader((application == BootConnectorGoodbyeApplication.class) ? null
							: new FilteredClassLoader("org.springframework.boot.http.client")),
					application);
			app.setWebApplicationType(WebApplicationType.NONE);
			try (ConfigurableApplicationContext context = app.run("--spring.main.banner-mode=off",
					"--spring.reactor.netty.shutdown-quiet-period=20ms", "--sendpulse.api-key=sk-default",
					"--sendpulse.sms.from=Acme", "--sendpulse.retry.enabled=false",
					"--sendpulse.base-url=" + this.server.url("/"))) {
				if (warmUp) {
					// The warm-up has built the client before the context closes.
					AtomicInteger builds = context.getBean(CountingCustomizer.class).builds;
					await().atMost(Duration.ofSeconds(30)).untilAtomic(builds, equalTo(1));
				}
				if (sentBefore) {
					this.server.enqueue(TemplateContexts.queued());
					context.getBean(SmsTemplate.class).send(sms("Hello"));
				}
				this.server.enqueue(TemplateContexts.queued());
			}
			assertThat(this.server.getRequestCount()).as("goodbye sent").isEqualTo(sentBefore ? 2 : 1);
		}
		finally {
			if (previous != null) {
				System.setProperty(WARM_UP_OFF, previous);
			}
			else {
				System.clearProperty(WARM_UP_OFF);
			}
		}
	}

	@Test
	void aSendAfterTheContextStoppedAndStartedAgainGoesOut() {
		// As a checkpoint and restore (CRaC) has it: Reactor Netty's resources are
		// disposed as the context stops and made anew as it starts.
		SpringApplication application = new SpringApplication(BootConnectorGoodbyeApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--spring.main.banner-mode=off",
				"--spring.reactor.netty.shutdown-quiet-period=20ms", "--sendpulse.api-key=sk-default",
				"--sendpulse.sms.from=Acme", "--sendpulse.retry.enabled=false",
				"--sendpulse.base-url=" + this.server.url("/"))) {
			SmsTemplate sms = context.getBean(SmsTemplate.class);
			this.server.enqueue(TemplateContexts.queued());
			sms.send(sms("Before"));
			context.stop();
			context.start();
			this.server.enqueue(TemplateContexts.queued());
			assertThat(sms.send(sms("After")).id()).isEqualTo("msg_1");
			this.server.enqueue(TemplateContexts.queued());
		}
		assertThat(this.server.getRequestCount()).as("before, after and goodbye").isEqualTo(3);
	}

	static Stream<Arguments> readyApplications() {
		Stream.Builder<Arguments> applications = Stream.builder();
		for (Class<?> application : List.of(BootConnectorGoodbyeApplication.class,
				OwnConnectorWithResourceFactoryGoodbyeApplication.class, OwnConnectorGoodbyeApplication.class)) {
			for (boolean warmUp : new boolean[] { true, false }) {
				for (boolean sentBefore : new boolean[] { true, false }) {
					applications.add(Arguments.of(application, warmUp, sentBefore));
				}
			}
		}
		return applications.build();
	}

	@Test
	void aClientThatCannotBeBuiltFailsTheCallOnceWithoutCallingItAConnectionFailure() {
		this.contextRunner.withUserConfiguration(FailingCustomizer.class)
			.withPropertyValues("sendpulse.base-url=" + this.server.url("/"), "sendpulse.retry.enabled=true")
			.run((context) -> {
				assertThatExceptionOfType(SendPulseException.class)
					.isThrownBy(() -> context.getBean(SmsTemplate.class).send(sms("Hello")))
					.withMessage("Could not prepare the SendPulse client for POST /v1/sms/send "
							+ "(IllegalStateException); nothing was sent")
					.isNotInstanceOf(SendPulseConnectionException.class)
					.withRootCauseInstanceOf(IllegalStateException.class)
					.satisfies((ex) -> assertThat(ex.isRetryable()).isFalse());
				assertThat(context.getBean(FailingCustomizer.class).calls).as("not retried").hasValue(1);
				assertThat(this.server.getRequestCount()).isZero();
			});
	}

	@Test
	void aCustomizerThatFailedOnceLeavesTheNextCallACleanBuilder() {
		this.contextRunner.withUserConfiguration(FilterCustomizers.class)
			.withPropertyValues("sendpulse.base-url=" + this.server.url("/"))
			.run((context) -> {
				SmsTemplate sms = context.getBean(SmsTemplate.class);
				assertThatExceptionOfType(SendPulseException.class).isThrownBy(() -> sms.send(sms("Hello")));
				this.server.enqueue(TemplateContexts.queued());
				sms.send(sms("Hello"));
				assertThat(context.getBean(FilterCustomizers.class).filtered).as("filter applied once").hasValue(1);
			});
	}

	@Test
	void anUnknownSslBundleStillFailsTheStart() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues("sendpulse.ssl.bundle=missing")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(InvalidSendPulsePropertyException.class)
					.hasMessageContaining("sendpulse.ssl.bundle names 'missing'");
			});
	}

	@Test
	void aProxyTheConnectorCannotTakeStillFailsTheStart() {
		this.contextRunner.withUserConfiguration(JdkConnector.class)
			.withPropertyValues("sendpulse.proxy.host=proxy.internal", "sendpulse.proxy.port=3128")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("sendpulse.proxy.host needs the Reactor Netty HTTP connector");
			});
	}

	private static SmsRequest sms(String text) {
		return SmsRequest.builder().to("+14155550123").text(text).build();
	}

	@Configuration(proxyBeanMethods = false)
	static class CountingCustomizer {

		final AtomicInteger builds = new AtomicInteger();

		@Bean
		SendPulseWebClientCustomizer countingCustomizer() {
			return (builder) -> this.builds.incrementAndGet();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class,
			SendPulseAutoConfiguration.class })
	@Import(CountingCustomizer.class)
	static class WarmedUpApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class,
			SendPulseAutoConfiguration.class })
	@Import({ GoodbyeOnClose.class, CountingCustomizer.class })
	static class BootConnectorGoodbyeApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(SendPulseAutoConfiguration.class)
	@Import({ GoodbyeOnClose.class, CountingCustomizer.class })
	static class OwnConnectorGoodbyeApplication {

	}

	// As a WebFlux application on Reactor Netty has: Reactor Netty's global resources,
	// disposed as the context stops.
	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(SendPulseAutoConfiguration.class)
	@Import({ GoodbyeOnClose.class, CountingCustomizer.class })
	static class OwnConnectorWithResourceFactoryGoodbyeApplication {

		@Bean
		ReactorResourceFactory reactorResourceFactory() {
			ReactorResourceFactory factory = new ReactorResourceFactory();
			factory.setShutdownQuietPeriod(Duration.ofMillis(20));
			return factory;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingCustomizer {

		final AtomicInteger calls = new AtomicInteger();

		@Bean
		SendPulseWebClientCustomizer failingCustomizer() {
			return (builder) -> {
				this.calls.incrementAndGet();
				throw new IllegalStateException("not today");
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FilterCustomizers {

		private final AtomicInteger calls = new AtomicInteger();

		final AtomicInteger filtered = new AtomicInteger();

		@Bean
		@Order(1)
		SendPulseWebClientCustomizer countingFilter() {
			return (builder) -> builder.filter((request, next) -> {
				this.filtered.incrementAndGet();
				return next.exchange(request);
			});
		}

		@Bean
		@Order(2)
		SendPulseWebClientCustomizer failingOnce() {
			return (builder) -> {
				if (this.calls.incrementAndGet() == 1) {
					throw new IllegalStateException("not yet");
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class GoodbyeOnClose {

		@Bean
		DisposableBean goodbye(SmsTemplate smsTemplate) {
			return () -> smsTemplate.send(sms("Goodbye"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class CompressingConnector {

		@Bean
		SendPulseWebClientCustomizer compressingConnector() {
			return (builder) -> builder
				.clientConnector(new ReactorClientHttpConnector(HttpClient.create().compress(true)));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class JdkConnector {

		@Bean
		ClientHttpConnectorBuilder<?> jdkConnectorBuilder() {
			return ClientHttpConnectorBuilder.jdk();
		}

	}

}
