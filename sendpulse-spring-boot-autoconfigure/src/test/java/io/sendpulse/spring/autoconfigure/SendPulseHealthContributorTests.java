package io.sendpulse.spring.autoconfigure;

import java.io.IOException;
import java.net.ServerSocket;

import io.sendpulse.spring.SendPulseAuthenticationException;
import io.sendpulse.spring.SendPulseConnectionException;
import io.sendpulse.spring.TemplateContexts;
import io.sendpulse.spring.accounts.SendPulseAccounts;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for the {@code sendpulse} health contributor of
 * {@link SendPulseAutoConfiguration}.
 */
class SendPulseHealthContributorTests {

	private static final String API_KEY = "sk-test-secret";

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, SendPulseAutoConfiguration.class))
		.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=20ms", "sendpulse.api-key=" + API_KEY,
				"sendpulse.retry.enabled=false");

	@Test
	void isUpWithTheLimitersStateBeforeAnyCallAndSpendsNoRequest() {
		this.contextRunner.withPropertyValues("sendpulse.base-url=" + this.server.url("/")).run((context) -> {
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKeys("rateLimiter.availablePermissions",
					"rateLimiter.waitingCalls");
			assertThat(health.getDetails()).containsEntry("rateLimiter.waitingCalls", 0);
			assertThat(this.server.getRequestCount()).isZero();
		});
	}

	@Test
	void isDownWithTheReasonWhenTheApiRejectsTheKeyAndUpAgainOnceACallGetsThrough() {
		this.contextRunner.withPropertyValues("sendpulse.base-url=" + this.server.url("/")).run((context) -> {
			this.server.enqueue(unauthorized());
			assertThatExceptionOfType(SendPulseAuthenticationException.class).isThrownBy(() -> send(context));

			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat((String) health.getDetails().get("reason")).contains("rejected the API key (401)")
				.contains("sendpulse.api-key")
				.doesNotContain(API_KEY);
			assertThat(this.server.getRequestCount()).isOne();

			this.server.enqueue(TemplateContexts.queued());
			send(context);
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			assertThat(this.server.getRequestCount()).isEqualTo(2);
		});
	}

	@Test
	void staysUpWhenTheApiRejectsAKeyHandedOverAtRunTime() {
		// A tenant's revoked key is the tenant's problem, not the application's health.
		this.contextRunner.withPropertyValues("sendpulse.base-url=" + this.server.url("/")).run((context) -> {
			this.server.enqueue(unauthorized());
			SmsTemplate tenant = context.getBean(SendPulseAccounts.class).forApiKey("sk-tenant-revoked").sms();
			assertThatExceptionOfType(SendPulseAuthenticationException.class)
				.isThrownBy(() -> tenant.send(SmsRequest.builder().to("+14155550123").from("Acme").text("Hi").build()));
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void isDownNamingTheConfiguredAccountWhoseKeyTheApiRejectedUntilThatAccountGetsThrough() {
		this.contextRunner
			.withPropertyValues("sendpulse.base-url=" + this.server.url("/"), "sendpulse.accounts.eu.api-key=sk-eu")
			.run((context) -> {
				SmsTemplate eu = context.getBean(SendPulseAccounts.class).sms("eu");
				SmsRequest request = SmsRequest.builder().to("+14155550123").from("Acme").text("Hi").build();
				this.server.enqueue(unauthorized());
				assertThatExceptionOfType(SendPulseAuthenticationException.class).isThrownBy(() -> eu.send(request));
				Health health = health(context);
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("reason",
						"The API rejected the API key (401): check sendpulse.accounts.eu.api-key");
				// The top-level account getting through says nothing about eu's key.
				this.server.enqueue(TemplateContexts.queued());
				send(context);
				assertThat(health(context).getStatus()).isEqualTo(Status.DOWN);
				this.server.enqueue(TemplateContexts.queued());
				eu.send(request);
				assertThat(health(context).getStatus()).isEqualTo(Status.UP);
			});
	}

	@Test
	void isDownWhenConnectionsToTheApiFail() throws IOException {
		this.contextRunner.withPropertyValues("sendpulse.base-url=http://127.0.0.1:" + closedPort()).run((context) -> {
			assertThatExceptionOfType(SendPulseConnectionException.class).isThrownBy(() -> send(context))
				.withMessageStartingWith("The connection could not be opened: refused, or the host unreachable (");
			Health health = health(context);
			assertThat(health.getStatus()).isEqualTo(Status.DOWN);
			assertThat(health.getDetails()).containsEntry("reason", "The API could not be reached")
				.containsEntry("connectionFailures", 1)
				.containsKey("lastConnectionFailure");
			// In the client's words, which name no host.
			assertThat(String.valueOf(health.getDetails().get("lastConnectionError")))
				.startsWith("The connection could not be opened: refused, or the host unreachable (")
				.doesNotContain("127.0.0.1");
		});
	}

	@Test
	void staysUpWhenTheApiAnswersWithAnErrorThatIsNotAboutTheKey() {
		this.contextRunner.withPropertyValues("sendpulse.base-url=" + this.server.url("/")).run((context) -> {
			this.server.enqueue(new MockResponse.Builder().code(402).body("{}").build());
			assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> send(context));
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void canBeDisabledLikeBootsOwnIndicators() {
		this.contextRunner.withPropertyValues("management.health.sendpulse.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("sendpulseHealthContributor"));
	}

	@Test
	void isAbsentWithoutBootsHealthSupport() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(SmsTemplate.class)
				.doesNotHaveBean("sendpulseHealthContributor"));
	}

	@Test
	void isAbsentWithoutAnApiKey() {
		this.contextRunner.withPropertyValues("sendpulse.api-key=")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("sendpulseHealthContributor"));
	}

	private static MockResponse unauthorized() {
		return new MockResponse.Builder().code(401)
			.addHeader("Content-Type", "application/json")
			.body("{\"error\":{\"code\":\"unauthorized\",\"message\":\"Invalid API key\"}}")
			.build();
	}

	private static Health health(AssertableApplicationContext context) {
		Health health = context.getBean("sendpulseHealthContributor", HealthIndicator.class).health(true);
		assertThat(health).isNotNull();
		return health;
	}

	private static void send(AssertableApplicationContext context) {
		context.getBean(SmsTemplate.class)
			.send(SmsRequest.builder().to("+14155550123").from("Acme").text("Hello").build());
	}

	private static int closedPort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
