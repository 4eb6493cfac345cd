package io.sendpulse.spring.autoconfigure;

import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.sendpulse.spring.TemplateContexts;
import io.sendpulse.spring.autoconfigure.webhook.SendPulseWebhookAutoConfiguration;
import io.sendpulse.spring.internal.webhook.WebhookProcessor;
import io.sendpulse.spring.observation.DefaultSendPulseClientObservationConvention;
import io.sendpulse.spring.sms.SmsMessage;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import io.sendpulse.spring.webhook.SendPulseWebhook;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.JdkClientHttpConnectorBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that lacks one of the starter's optional dependencies still starts, with
 * the beans that need it absent and everything else in place.
 */
class SendPulseOptionalDependenciesTests {

	private static final AutoConfigurations AUTO_CONFIGURATIONS = AutoConfigurations.of(
			ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class,
			SendPulseAutoConfiguration.class, SendPulseWebhookAutoConfiguration.class);

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final ApplicationContextRunner contextRunner = contextRunner(AUTO_CONFIGURATIONS);

	@Test
	void sendsAndIsObservedWithoutBootsWebClientModule() {
		// What an application has that uses no WebClient of its own: the starter does not
		// bring spring-boot-webclient, so the client starts from WebClient.builder().
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.server.enqueue(TemplateContexts.queued());
		contextRunner(
				AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class, SendPulseAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.webclient"))
			.withBean(ObservationRegistry.class, () -> registry)
			.withPropertyValues("sendpulse.base-url=" + this.server.url("/"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(WebClient.Builder.class);
				sendsThroughTheServer(context);
				TestObservationRegistryAssert.assertThat(registry)
					.hasNumberOfObservationsWithNameEqualTo(DefaultSendPulseClientObservationConvention.NAME, 1)
					.hasNumberOfObservationsWithNameEqualTo("http.client.requests", 1);
			});
	}

	@Test
	void sendsThroughTheJdkHttpClientWhenReactorNettyIsAbsent() {
		this.server.enqueue(TemplateContexts.queued());
		this.contextRunner.withClassLoader(new FilteredClassLoader("reactor.netty"))
			.withPropertyValues("sendpulse.base-url=" + this.server.url("/"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(ClientHttpConnectorBuilder.class))
					.isInstanceOf(JdkClientHttpConnectorBuilder.class);
				sendsThroughTheServer(context);
			});
	}

	// What an application has that uses neither WebClient nor RestClient of its own: the
	// starter does not bring spring-boot-http-client, and builds its connector itself.
	@ParameterizedTest
	@EnumSource(names = { "REACTOR_NETTY", "JDK" })
	void sendsThroughItsOwnConnectorWithoutBootsHttpClientModule(Connector connector) {
		this.server.enqueue(TemplateContexts.queued());
		connector.apply(contextRunner(AutoConfigurations.of(SendPulseAutoConfiguration.class)))
			.withPropertyValues("sendpulse.base-url=" + this.server.url("/"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(ClientHttpConnectorBuilder.class);
				assertThat(context.getBean(ConnectorFactory.class)).isInstanceOf(
						(connector == Connector.JDK) ? JdkConnectorFactory.class : ReactorNettyConnectorFactory.class);
				sendsThroughTheServer(context);
			});
	}

	@Test
	void startsWithoutMicrometerAndRecordsNoMetrics() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.micrometer.core")).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(SmsTemplate.class);
			assertThat(context).doesNotHaveBean("sendPulseMetrics");
		});
	}

	@Test
	void startsWithoutResilience4jMetricsAndRecordsNoMetrics() {
		this.contextRunner.withClassLoader(new FilteredClassLoader("io.github.resilience4j.micrometer"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(SmsTemplate.class);
				assertThat(context).doesNotHaveBean("sendPulseMetrics");
			});
	}

	@Test
	void configuresNothingWithoutWebClient() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(WebClient.class)).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(SmsTemplate.class);
			assertThat(context).doesNotHaveBean(SendPulseProperties.class);
		});
	}

	@Test
	void servesWebhooksOnWebFluxWithoutSpringMvc() {
		new ReactiveWebApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS)
			.withClassLoader(new FilteredClassLoader("org.springframework.web.servlet"))
			.withUserConfiguration(Receipts.class)
			.withPropertyValues("sendpulse.webhook.secret=whsec_test")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(WebhookProcessor.class);
				assertThat(context)
					.hasSingleBean(org.springframework.web.reactive.function.server.RouterFunction.class);
			});
	}

	@Test
	void servesWebhooksOnSpringMvcWithoutSpringSecurity() {
		new WebApplicationContextRunner().withConfiguration(AUTO_CONFIGURATIONS)
			.withClassLoader(new FilteredClassLoader("org.springframework.security"))
			.withUserConfiguration(Receipts.class)
			.withPropertyValues("sendpulse.webhook.secret=whsec_test")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasBean("sendPulseWebhookHandlerMapping");
				assertThat(context).doesNotHaveBean("sendPulseWebhookSecurityFilterChain");
			});
	}

	private static ApplicationContextRunner contextRunner(AutoConfigurations autoConfigurations) {
		return new ApplicationContextRunner().withConfiguration(autoConfigurations)
			.withPropertyValues("sendpulse.api-key=sk-test", "sendpulse.sms.from=MyShop",
					"spring.reactor.netty.shutdown-quiet-period=20ms");
	}

	// One SMS sent through the queued answer, with the starter's key.
	private void sendsThroughTheServer(ApplicationContext context) throws InterruptedException {
		SmsMessage message = context.getBean(SmsTemplate.class)
			.send(SmsRequest.builder().to("+14155550123").text("Hello").build());
		assertThat(message.id()).isEqualTo("msg_1");
		assertThat(this.server.takeRequest().getHeaders().get("Authorization")).isEqualTo("Bearer sk-test");
	}

	@SendPulseWebhook("/webhooks/sendpulse")
	static class Receipts {

	}

}
