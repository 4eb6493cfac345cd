package io.sendpulse.spring.autoconfigure.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.sendpulse.spring.autoconfigure.SendPulseAutoConfiguration;
import io.sendpulse.spring.internal.InvalidSendPulsePropertyException;
import io.sendpulse.spring.webhook.SendPulseWebhook;
import io.sendpulse.spring.webhook.SmsStatusEvent;
import io.sendpulse.spring.internal.webhook.DeliveryStore;
import io.sendpulse.spring.internal.webhook.InMemoryDeliveryStore;
import io.sendpulse.spring.internal.webhook.WebhookDeliveryObserver;
import io.sendpulse.spring.internal.webhook.redis.RedisDeliveryStore;
import io.sendpulse.spring.internal.webhook.WebhookOutcome;
import io.sendpulse.spring.internal.webhook.WebhookProcessor;
import io.sendpulse.spring.webhook.WebhookSignatureVerifier;
import io.sendpulse.spring.webhook.WebhookSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.task.TaskExecutionAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

@ExtendWith(OutputCaptureExtension.class)
class SendPulseWebhookAutoConfigurationTests {

	private static final AutoConfigurations AUTO_CONFIGURATIONS = AutoConfigurations
		.of(SendPulseAutoConfiguration.class, SendPulseWebhookAutoConfiguration.class);

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner()
		.withConfiguration(AUTO_CONFIGURATIONS);

	private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AUTO_CONFIGURATIONS);

	@Test
	void servesTheDeclaredEndpointOnSpringMvc() {
		this.servlet.withUserConfiguration(Receipts.class)
			.withPropertyValues("sendpulse.webhook.secret=whsec_test")
			.run((context) -> {
				assertThat(context).hasSingleBean(WebhookProcessor.class);
				assertThat(context).hasBean("sendPulseWebhookHandlerMapping");
				// Spring MVC's functional endpoints stay off: they cost every start.
				assertThat(context).doesNotHaveBean(org.springframework.web.servlet.function.RouterFunction.class);
				assertThat(context)
					.doesNotHaveBean(org.springframework.web.reactive.function.server.RouterFunction.class);
				assertThat(context.getBean(SendPulseWebhookEndpoints.class).paths())
					.containsExactly("/webhooks/sendpulse");
				assertThat(context).hasSingleBean(Receipts.class);
			});
	}

	@Test
	void servesTheDeclaredEndpointOnWebFlux() {
		this.reactive.withUserConfiguration(Receipts.class)
			.withPropertyValues("sendpulse.webhook.secret=whsec_test")
			.run((context) -> {
				assertThat(context).hasSingleBean(WebhookProcessor.class);
				assertThat(context)
					.hasSingleBean(org.springframework.web.reactive.function.server.RouterFunction.class);
				assertThat(context).doesNotHaveBean("sendPulseWebhookHandlerMapping");
			});
	}

	@Test
	void runsWebFluxListenersOnThreadsOfTheirOwnRatherThanBootsApplicationTaskExecutor() {
		// Boot's executor would share its 8 threads with @Async methods.
		this.reactive.withConfiguration(AutoConfigurations.of(TaskExecutionAutoConfiguration.class))
			.withUserConfiguration(Receipts.class)
			.withPropertyValues("sendpulse.webhook.secret=whsec_test")
			.run((context) -> {
				assertThat(context).hasBean("applicationTaskExecutor");
				Executor executor = context.getBean(WebFluxWebhookHandler.class).listenerExecutor();
				assertThat(threadOf(executor)).startsWith("sendpulse-webhook-");
				assertThat(executor).isInstanceOf(ListenerThreads.class);
				assertThat(((ListenerThreads) executor).threads()).isEqualTo(Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE);
				assertThat(((ListenerThreads) executor).queueCapacity())
					.isEqualTo(Schedulers.DEFAULT_BOUNDED_ELASTIC_QUEUESIZE);
			});
	}

	@Test
	void sizesTheListenerThreadsAndTheirQueueFromProperties() {
		this.reactive.withUserConfiguration(Receipts.class)
			.withPropertyValues("sendpulse.webhook.secret=whsec_test", "sendpulse.webhook.listener-pool.max-size=4",
					"sendpulse.webhook.listener-pool.queue-capacity=50")
			.run((context) -> {
				ListenerThreads threads = (ListenerThreads) context.getBean(WebFluxWebhookHandler.class)
					.listenerExecutor();
				assertThat(threads.threads()).isEqualTo(4);
				assertThat(threads.queueCapacity()).isEqualTo(50);
			});
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "sendpulse.webhook.listener-pool.max-size", "sendpulse.webhook.listener-pool.queue-capacity" })
	void listenerThreadsAndQueueBelowOneStopStartupNamingTheProperty(String property) {
		this.reactive.withUserConfiguration(Receipts.class)
			.withPropertyValues("sendpulse.webhook.secret=whsec_test", property + "=0")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining(property + " must be at least 1");
			});
	}

	@Test
	void stopsTakingListenerTasksOnceTheApplicationHasClosed() {
		AtomicReference<Executor> executor = new AtomicReference<>();
		this.reactive.withUserConfiguration(Receipts.class)
			.withPropertyValues("sendpulse.webhook.secret=whsec_test")
			.run((context) -> executor.set(context.getBean(WebFluxWebhookHandler.class).listenerExecutor()));
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> executor.get().execute(() -> {
		}));
	}

	private static String threadOf(Executor executor) throws Exception {
		CompletableFuture<String> thread = new CompletableFuture<>();
		executor.execute(() -> thread.complete(Thread.currentThread().getName()));
		return thread.get(10, TimeUnit.SECONDS);
	}

	@Test
	void remembersDeliveriesInThisInstanceByDefault() {
		this.reactive.withUserConfiguration(Receipts.class)
			.withPropertyValues("sendpulse.webhook.secret=whsec_test")
			.run((context) -> {
				assertThat(context).hasSingleBean(DeliveryStore.class);
				assertThat(context).hasSingleBean(InMemoryDeliveryStore.class);
			});
	}

	@Test
	void remembersDeliveriesInRedisWithTheRedisStore() {
		this.reactive
			.withConfiguration(
					AutoConfigurations.of(DataRedisAutoConfiguration.class, DataRedisReactiveAutoConfiguration.class))
			.withUserConfiguration(Receipts.class)
			.withPropertyValues("sendpulse.webhook.secret=whsec_test", "sendpulse.store=redis")
			.run((context) -> {
				assertThat(context).hasSingleBean(DeliveryStore.class);
				assertThat(context).hasSingleBean(RedisDeliveryStore.class);
			});
	}

	@Test
	void stopsStartupWithTheRedisStoreWithoutARedisConnection() {
		this.servlet.withUserConfiguration(Receipts.class)
			.withPropertyValues("sendpulse.webhook.secret=whsec_test", "sendpulse.store=redis")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("sendpulse.store=redis needs a reactive Redis connection");
			});
		this.servlet.withUserConfiguration(Receipts.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.withPropertyValues("sendpulse.webhook.secret=whsec_test", "sendpulse.store=redis")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("no Spring Data Redis on the classpath");
			});
	}

	@Test
	void neverFallsBackToMemoryWithTheRedisStoreOutsideATestSlice() {
		// SendPulseAutoConfiguration, which makes the Redis store, left out: each
		// instance would publish every delivery it gets.
		new WebApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SendPulseWebhookAutoConfiguration.class))
			.withUserConfiguration(Receipts.class)
			.withPropertyValues("sendpulse.webhook.secret=whsec_test", "sendpulse.store=redis")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(NoSuchBeanDefinitionException.class)
					.hasMessageContaining(DeliveryStore.class.getName());
			});
	}

	@Test
	void stopsStartupWhenAnEndpointIsDeclaredWithoutSecret() {
		this.servlet.withUserConfiguration(Receipts.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(MissingWebhookSecretException.class)
				.hasMessageContaining("sendpulse.webhook.secret");
			FailureAnalysis analysis = new MissingWebhookSecretFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("/webhooks/sendpulse").contains("sendpulse.webhook.secret");
			assertThat(analysis.getAction()).contains("Set sendpulse.webhook.secret");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "sendpulse.webhook.secret", "sendpulse.webhook.additional-secrets[0]" })
	void stopsStartupWhenASecretIsAPlaceholderThatCannotBeResolved(String property) {
		// Spring Boot binds it as written: as a secret, anybody who read the
		// configuration could sign deliveries.
		this.servlet.withUserConfiguration(Receipts.class)
			.withPropertyValues("sendpulse.webhook.secret=whsec_test", property + "=${SENDPULSE_TEST_UNSET_VARIABLE}")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidSendPulsePropertyException.class)
					.hasMessageStartingWith(property + " holds a placeholder that could not be resolved, "
							+ "${SENDPULSE_TEST_UNSET_VARIABLE}");
			});
	}

	@Test
	void stripsWhitespaceAroundTheSecretsAsAFileMountedSecretHasIt() {
		this.servlet.withUserConfiguration(Receipts.class)
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("mounted-secrets",
						Map.of("sendpulse.webhook.secret", "whsec_current\n", "sendpulse.webhook.additional-secrets[0]",
								" whsec_previous\r\n"))))
			.run((context) -> {
				WebhookSignatureVerifier verifier = context.getBean(WebhookSignatureVerifier.class);
				byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
				assertThat(verifier.isValidSignature(body, new WebhookSigner("whsec_current").sign(body))).isTrue();
				assertThat(verifier.isValidSignature(body, new WebhookSigner("whsec_previous").sign(body))).isTrue();
			});
	}

	@Test
	void observesEachDeliveryWithItsEventFamilyAndOutcome() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		observedBy(meters).withUserConfiguration(Receipts.class)
			.withPropertyValues("sendpulse.webhook.secret=whsec_test")
			.run((context) -> {
				WebhookProcessor processor = context.getBean(WebhookProcessor.class);
				byte[] body = smsDelivered();
				String signature = new WebhookSigner("whsec_test").sign(body);
				processor.process(body, signature);
				processor.process(body, signature);
				processor.process(body, "sha256=forged");
				assertThat(deliveries(meters, "sms", "published")).isOne();
				assertThat(deliveries(meters, "sms", "duplicate")).isOne();
				assertThat(deliveries(meters, "none", "invalid_signature")).isOne();
				// Too large, whether the length is declared (answered before reading) or
				// found while reading.
				assertThat(processor.answerBeforeReading("POST", 1_000_000)).isEqualTo(WebhookOutcome.TOO_LARGE);
				processor.process(new byte[1_000_000], signature);
				assertThat(deliveries(meters, "none", "too_large")).isEqualTo(2);
				// Signed, too old: its family is known.
				byte[] old = ("{\"event\":\"call.completed\",\"call_id\":\"call_1\",\"to\":\"+1234567890\","
						+ "\"status\":\"completed\",\"timestamp\":\"" + Instant.now().minusSeconds(3600) + "\"}")
					.getBytes(StandardCharsets.UTF_8);
				assertThat(processor.process(old, new WebhookSigner("whsec_test").sign(old)))
					.isEqualTo(WebhookOutcome.OUTSIDE_TOLERANCE);
				assertThat(deliveries(meters, "call", "outside_tolerance")).isOne();
			});
	}

	@Test
	void tagsAFailedDeliveryWithTheListenersExceptionAndADeliveryInFlightWithItsAccount() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		observedBy(meters).withUserConfiguration(Receipts.class)
			.withUserConfiguration(FailingListener.class)
			.withPropertyValues("sendpulse.webhook.secret=whsec_test")
			.run((context) -> {
				WebhookProcessor processor = context.getBean(WebhookProcessor.class);
				byte[] body = smsDelivered();
				String signature = new WebhookSigner("whsec_test").sign(body);
				List<Runnable> listenerTasks = new ArrayList<>();
				CompletableFuture<WebhookOutcome> outcome = processor.process(body, signature, listenerTasks::add);
				// In flight, waiting for a listener thread: the account is known already.
				assertThat(meters.get("sendpulse.webhook.deliveries.active")
					.tags("account", "default")
					.longTaskTimer()
					.activeTasks()).isOne();
				listenerTasks.forEach(Runnable::run);
				assertThat(outcome).isCompletedWithValue(WebhookOutcome.LISTENER_FAILED);
				assertThat(meters.get("sendpulse.webhook.deliveries")
					.tags("event.family", "sms", "outcome", "listener_failed", "account", "default", "error",
							"IllegalStateException")
					.timer()
					.count()).isOne();
				assertThat(meters.get("sendpulse.webhook.deliveries.active").longTaskTimer().activeTasks()).isZero();
			});
	}

	@Test
	void servesEndpointsWithoutMicrometer() {
		this.servlet.withUserConfiguration(Receipts.class)
			.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.withPropertyValues("sendpulse.webhook.secret=whsec_test")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(WebhookProcessor.class);
				assertThat(context).doesNotHaveBean(WebhookDeliveryObserver.class);
			});
	}

	private WebApplicationContextRunner observedBy(SimpleMeterRegistry meters) {
		ObservationRegistry observations = ObservationRegistry.create();
		observations.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		return this.servlet.withBean(ObservationRegistry.class, () -> observations);
	}

	private static byte[] smsDelivered() {
		return ("{\"event\":\"sms.delivered\",\"message_id\":\"msg_1\",\"to\":\"+1234567890\","
				+ "\"status\":\"delivered\",\"timestamp\":\"" + Instant.now() + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static long deliveries(SimpleMeterRegistry meters, String eventFamily, String outcome) {
		return meters.get("sendpulse.webhook.deliveries")
			.tags("event.family", eventFamily, "outcome", outcome)
			.timer()
			.count();
	}

	@Test
	void treatsABlankSecretAsMissing() {
		this.reactive.withUserConfiguration(Receipts.class)
			.withPropertyValues("sendpulse.webhook.secret=")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(MissingWebhookSecretException.class));
	}

	@Test
	void explainsTheMissingSecretWhenTheApplicationFailsToStart(CapturedOutput output) {
		SpringApplication application = new SpringApplication(Application.class);
		application.setWebApplicationType(WebApplicationType.SERVLET);
		application.setDefaultProperties(java.util.Map.of("server.port", "0", "spring.main.banner-mode", "off"));
		assertThatException().isThrownBy(application::run);
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("@SendPulseWebhook at /webhooks/sendpulse")
			.contains("Set sendpulse.webhook.secret");
	}

	@Test
	void declaresNoEndpointAndNeedsNoSecretWithoutWebServer() {
		new ApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS)
			.withUserConfiguration(Receipts.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(WebhookProcessor.class);
				assertThat(context).hasSingleBean(Receipts.class);
			});
	}

	@Test
	void needsNoSecretWhenNoEndpointIsDeclared() {
		this.servlet.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(WebhookProcessor.class);
		});
	}

	@Test
	void servesSeveralEndpoints() {
		this.servlet.withUserConfiguration(Receipts.class, CallReceipts.class)
			.withPropertyValues("sendpulse.webhook.secret=whsec_test")
			.run((context) -> assertThat(context.getBean(SendPulseWebhookEndpoints.class).paths())
				.containsExactlyInAnyOrder("/webhooks/sendpulse", "/webhooks/calls"));
	}

	@Test
	void refusesTheSamePathDeclaredTwice() {
		this.servlet.withUserConfiguration(Receipts.class, SamePath.class)
			.withPropertyValues("sendpulse.webhook.secret=whsec_test")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("declared twice")
				.hasMessageContaining(Receipts.class.getName())
				.hasMessageContaining(SamePath.class.getName()));
	}

	@Test
	void refusesAnEndpointWithoutPath() {
		this.servlet.withUserConfiguration(NoPath.class)
			.withPropertyValues("sendpulse.webhook.secret=whsec_test")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("needs a literal path"));
	}

	@Test
	void usesTheApplicationsOwnVerifier() {
		this.servlet.withUserConfiguration(Receipts.class, OwnVerifier.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).getBean(WebhookSignatureVerifier.class)
				.isSameAs(context.getBean(OwnVerifier.class).verifier);
		});
	}

	@SendPulseWebhook("/webhooks/sendpulse")
	static class Receipts {

	}

	static class FailingListener {

		@EventListener
		void on(SmsStatusEvent event) {
			throw new IllegalStateException("listener down");
		}

	}

	@SendPulseWebhook("/webhooks/calls")
	static class CallReceipts {

	}

	@SendPulseWebhook(path = "/webhooks/sendpulse")
	static class SamePath {

	}

	@SendPulseWebhook
	static class NoPath {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnVerifier {

		final WebhookSignatureVerifier verifier = new WebhookSignatureVerifier("whsec_own");

		@Bean
		WebhookSignatureVerifier webhookSignatureVerifier() {
			return this.verifier;
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Receipts.class)
	static class Application {

	}

}
