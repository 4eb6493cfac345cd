package io.sendpulse.spring.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.sendpulse.spring.SendPulseConnectionException;
import io.sendpulse.spring.TemplateContexts;
import io.sendpulse.spring.internal.client.SendPulseClient;
import io.sendpulse.spring.internal.sms.DefaultReactiveSmsTemplate;
import io.sendpulse.spring.internal.sms.DefaultSmsTemplate;
import io.sendpulse.spring.internal.verify.DefaultReactiveVerifyTemplate;
import io.sendpulse.spring.internal.verify.DefaultVerifyTemplate;
import io.sendpulse.spring.internal.voice.DefaultReactiveVoiceTemplate;
import io.sendpulse.spring.internal.voice.DefaultVoiceTemplate;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import io.sendpulse.spring.verify.Channel;
import io.sendpulse.spring.verify.VerifyTemplate;
import io.sendpulse.spring.voice.VoiceTemplate;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SendPulseAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SendPulseAutoConfigurationTests {

	private static final String API_KEY = "sk-test-secret";

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, SendPulseAutoConfiguration.class))
		// Close each context quickly (see TemplateContexts).
		.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=20ms");

	@Test
	void noTemplatesWithoutAnApiKey() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(SendPulseProperties.class);
			assertThat(context).doesNotHaveBean(SendPulseClient.class);
			assertThat(context).doesNotHaveBean(SmsTemplate.class);
			assertThat(context).doesNotHaveBean(VoiceTemplate.class);
			assertThat(context).doesNotHaveBean(VerifyTemplate.class);
			assertThat(context).doesNotHaveBean(SendPulseConnectionDetails.class);
			assertThat(context).doesNotHaveBean(RateLimiter.class);
			assertThat(context).doesNotHaveBean(Retry.class);
		});
	}

	@Test
	void anEmptyOrBlankApiKeyCountsAsUnset() {
		this.contextRunner.withPropertyValues("sendpulse.api-key=").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(SmsTemplate.class);
		});
		this.contextRunner.withPropertyValues("sendpulse.api-key=   ").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(SmsTemplate.class);
		});
		this.contextRunner.withPropertyValues("sendpulse.api-key=${SENDPULSE_TEST_UNSET_VARIABLE:}")
			.run((context) -> assertThat(context).doesNotHaveBean(SmsTemplate.class));
	}

	@Test
	void anApiKeyPlaceholderThatCannotBeResolvedCountsAsUnset() {
		// As written in application.yml, ${SENDPULSE_API_KEY}, on a machine without the
		// variable: a condition reading it must not fail the start.
		this.contextRunner.withPropertyValues("sendpulse.api-key=${SENDPULSE_TEST_UNSET_VARIABLE}").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(SmsTemplate.class);
			assertThat(context).doesNotHaveBean(SendPulseConnectionDetails.class);
		});
	}

	@Test
	void connectionDetailsFromAnEarlierAutoConfigurationNeedNoResolvableApiKeyPlaceholder() {
		// The sandbox in a test whose application.yml reads the key from a variable that
		// the test machine does not have.
		this.contextRunner.withConfiguration(AutoConfigurations.of(SandboxLikeAutoConfiguration.class))
			.withPropertyValues("sendpulse.api-key=${SENDPULSE_TEST_UNSET_VARIABLE}",
					"test.sandbox-url=" + this.server.url("/"), "sendpulse.sms.from=Acme",
					"sendpulse.retry.enabled=false", "sendpulse.rate-limit.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				this.server.enqueue(TemplateContexts.queued());
				context.getBean(SmsTemplate.class).send(SmsRequest.builder().to("+14155550123").text("Hi").build());
				assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer sandbox-key");
			});
	}

	@Test
	void templatesWithAnApiKeyShareOneClientLimiterAndRetry() {
		this.contextRunner.withPropertyValues("sendpulse.api-key=" + API_KEY).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).hasSingleBean(SmsTemplate.class);
			assertThat(context).hasSingleBean(VoiceTemplate.class);
			assertThat(context).hasSingleBean(VerifyTemplate.class);
			assertThat(context).hasSingleBean(SendPulseClient.class);
			assertThat(context).hasSingleBean(SendPulseConnectionDetails.class);
			assertThat(context).hasBean("sendPulseRateLimiter");
			assertThat(context).hasBean("sendPulseRetry");
			assertThat(context.getBean(SendPulseConnectionDetails.class).apiKey()).isEqualTo(API_KEY);
			assertThat(context.getBean(SendPulseConnectionDetails.class).baseUrl())
				.isEqualTo(URI.create("https://api.sendpulse.io"));
		});
	}

	@Test
	void templatesWorkWithoutBootsWebClientBuilder() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SendPulseAutoConfiguration.class))
			.withPropertyValues("sendpulse.api-key=" + API_KEY, "sendpulse.base-url=" + this.server.url("/"),
					"sendpulse.sms.from=Acme", "sendpulse.retry.enabled=false", "sendpulse.rate-limit.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				this.server.enqueue(TemplateContexts.queued());
				context.getBean(SmsTemplate.class).send(SmsRequest.builder().to("+14155550123").text("Hi").build());
				assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer " + API_KEY);
			});
	}

	@Test
	void anApiKeyReadWithATrailingNewlineStillAuthenticates() {
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("secret", Map.of("sendpulse.api-key", "  " + API_KEY + "\n"))))
			.withPropertyValues("sendpulse.base-url=" + this.server.url("/"), "sendpulse.sms.from=Acme",
					"sendpulse.retry.enabled=false", "sendpulse.rate-limit.enabled=false")
			.run((context) -> {
				this.server.enqueue(TemplateContexts.queued());
				context.getBean(SmsTemplate.class).send(SmsRequest.builder().to("+14155550123").text("Hi").build());
				assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer " + API_KEY);
			});
	}

	@Test
	void rateLimiterAndRetryCanBeSwitchedOff() {
		this.contextRunner
			.withPropertyValues("sendpulse.api-key=" + API_KEY, "sendpulse.rate-limit.enabled=false",
					"sendpulse.retry.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(RateLimiter.class);
				assertThat(context).doesNotHaveBean(Retry.class);
				assertThat(context).hasSingleBean(SmsTemplate.class);
			});
	}

	@Test
	void backsOffFromUserDefinedTemplatesAndClient() {
		this.contextRunner.withPropertyValues("sendpulse.api-key=" + API_KEY)
			.withUserConfiguration(UserTemplatesConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(SendPulseClient.class);
				assertThat(context).hasSingleBean(SmsTemplate.class);
				assertThat(context).hasSingleBean(VoiceTemplate.class);
				assertThat(context).hasSingleBean(VerifyTemplate.class);
				assertThat(context.getBean(SendPulseClient.class))
					.isSameAs(context.getBean(UserTemplatesConfiguration.class).client);
				assertThat(context).getBean("userSms").isSameAs(context.getBean(SmsTemplate.class));
				assertThat(context).getBean("userVoice").isSameAs(context.getBean(VoiceTemplate.class));
				assertThat(context).getBean("userVerify").isSameAs(context.getBean(VerifyTemplate.class));
			});
	}

	@Test
	void backsOffFromAUserDefinedRateLimiterAndRetry() {
		this.contextRunner.withPropertyValues("sendpulse.api-key=" + API_KEY)
			.withUserConfiguration(UserResilienceConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).getBean("sendPulseRateLimiter").isSameAs(UserResilienceConfiguration.RATE_LIMITER);
				assertThat(context).getBean("sendPulseRetry").isSameAs(UserResilienceConfiguration.RETRY);
			});
	}

	@Test
	void userDefinedConnectionDetailsWinAndNeedNoApiKeyProperty() {
		this.contextRunner.withUserConfiguration(UserConnectionDetailsConfiguration.class)
			.withPropertyValues("test.sandbox-url=" + this.server.url("/"), "sendpulse.sms.from=Acme",
					"sendpulse.retry.enabled=false", "sendpulse.rate-limit.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(SmsTemplate.class);
				assertThat(context).doesNotHaveBean(PropertiesSendPulseConnectionDetails.class);
				this.server.enqueue(TemplateContexts.queued());
				context.getBean(SmsTemplate.class).send(SmsRequest.builder().to("+14155550123").text("Hi").build());
				assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer sandbox-key");
			});
	}

	@Test
	void connectionDetailsFromAnEarlierAutoConfigurationNeedNoApiKeyProperty() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(SandboxLikeAutoConfiguration.class))
			.withPropertyValues("test.sandbox-url=" + this.server.url("/"), "sendpulse.sms.from=Acme",
					"sendpulse.retry.enabled=false", "sendpulse.rate-limit.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(SmsTemplate.class);
				this.server.enqueue(TemplateContexts.queued());
				context.getBean(SmsTemplate.class).send(SmsRequest.builder().to("+14155550123").text("Hi").build());
				assertThat(take().getHeaders().get("Authorization")).isEqualTo("Bearer sandbox-key");
			});
	}

	@Test
	void bindsEveryPropertyOfTheContract() {
		this.contextRunner
			.withPropertyValues("sendpulse.api-key=" + API_KEY, "sendpulse.base-url=http://localhost:8089/api",
					"sendpulse.connect-timeout=2s", "sendpulse.read-timeout=7s", "sendpulse.sms.from=Acme",
					"sendpulse.sms.bulk-concurrency=4", "sendpulse.voice.from=+15005550006",
					"sendpulse.verify.channel=voice", "sendpulse.verify.code-length=8", "sendpulse.verify.expiry=2m",
					"sendpulse.rate-limit.enabled=false", "sendpulse.rate-limit.limit-for-period=50",
					"sendpulse.rate-limit.refresh-period=2s", "sendpulse.rate-limit.timeout=3s",
					"sendpulse.retry.enabled=false", "sendpulse.retry.max-attempts=5",
					"sendpulse.retry.initial-backoff=250ms", "sendpulse.retry.multiplier=1.5",
					"sendpulse.retry.max-backoff=20s", "sendpulse.webhook.secret=whsec-1",
					"sendpulse.webhook.additional-secrets=whsec-0,whsec-old", "sendpulse.webhook.tolerance=10m",
					"sendpulse.webhook.max-payload-size=128KB")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SendPulseProperties properties = context.getBean(SendPulseProperties.class);
				assertThat(properties.getApiKey()).isEqualTo(API_KEY);
				assertThat(properties.getBaseUrl()).isEqualTo(URI.create("http://localhost:8089/api"));
				assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.getReadTimeout()).isEqualTo(Duration.ofSeconds(7));
				assertThat(properties.getSms().getFrom()).isEqualTo("Acme");
				assertThat(properties.getSms().getBulkConcurrency()).isEqualTo(4);
				assertThat(properties.getVoice().getFrom()).isEqualTo("+15005550006");
				assertThat(properties.getVerify().getChannel()).isEqualTo(Channel.VOICE);
				assertThat(properties.getVerify().getCodeLength()).isEqualTo(8);
				assertThat(properties.getVerify().getExpiry()).isEqualTo(Duration.ofMinutes(2));
				assertThat(properties.getRateLimit().isEnabled()).isFalse();
				assertThat(properties.getRateLimit().getLimitForPeriod()).isEqualTo(50);
				assertThat(properties.getRateLimit().getRefreshPeriod()).isEqualTo(Duration.ofSeconds(2));
				assertThat(properties.getRateLimit().getTimeout()).isEqualTo(Duration.ofSeconds(3));
				assertThat(properties.getRetry().isEnabled()).isFalse();
				assertThat(properties.getRetry().getMaxAttempts()).isEqualTo(5);
				assertThat(properties.getRetry().getInitialBackoff()).isEqualTo(Duration.ofMillis(250));
				assertThat(properties.getRetry().getMultiplier()).isEqualTo(1.5);
				assertThat(properties.getRetry().getMaxBackoff()).isEqualTo(Duration.ofSeconds(20));
				assertThat(properties.getWebhook().getSecret()).isEqualTo("whsec-1");
				assertThat(properties.getWebhook().getAdditionalSecrets()).containsExactly("whsec-0", "whsec-old");
				assertThat(properties.getWebhook().getTolerance()).isEqualTo(Duration.ofMinutes(10));
				assertThat(properties.getWebhook().getMaxPayloadSize()).isEqualTo(DataSize.ofKilobytes(128));
			});
	}

	@Test
	void propertiesHaveTheDocumentedDefaults() {
		this.contextRunner.run((context) -> {
			SendPulseProperties properties = context.getBean(SendPulseProperties.class);
			assertThat(properties.getApiKey()).isNull();
			assertThat(properties.getBaseUrl()).isEqualTo(URI.create("https://api.sendpulse.io"));
			assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofSeconds(5));
			assertThat(properties.getReadTimeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(properties.getMaxIdleTime()).isEqualTo(Duration.ofSeconds(30));
			assertThat(properties.getSms().getFrom()).isNull();
			assertThat(properties.getVoice().getFrom()).isNull();
			assertThat(properties.getVerify().getChannel()).isEqualTo(Channel.SMS);
			assertThat(properties.getVerify().getCodeLength()).isEqualTo(6);
			assertThat(properties.getVerify().getExpiry()).isEqualTo(Duration.ofMinutes(5));
			assertThat(properties.getRateLimit().isEnabled()).isTrue();
			assertThat(properties.getRetry().isEnabled()).isTrue();
			assertThat(properties.getRetry().getMaxAttempts()).isEqualTo(3);
			assertThat(properties.getRetry().getMultiplier()).isEqualTo(2.0);
			assertThat(properties.getWebhook().getSecret()).isNull();
			assertThat(properties.getWebhook().getAdditionalSecrets()).isEmpty();
			assertThat(properties.getWebhook().getTolerance()).isEqualTo(Duration.ofMinutes(5));
			assertThat(properties.getWebhook().getMaxPayloadSize()).isEqualTo(DataSize.ofKilobytes(64));
		});
	}

	@Test
	void rateLimitAndRetryPropertiesReachTheirBeans() {
		this.contextRunner
			.withPropertyValues("sendpulse.api-key=" + API_KEY, "sendpulse.rate-limit.limit-for-period=11",
					"sendpulse.rate-limit.refresh-period=1s", "sendpulse.rate-limit.timeout=3s",
					"sendpulse.retry.max-attempts=5")
			.run((context) -> {
				RateLimiterConfig limiter = context.getBean("sendPulseRateLimiter", RateLimiter.class)
					.getRateLimiterConfig();
				assertThat(limiter.getTimeoutDuration()).isEqualTo(Duration.ofSeconds(3));
				// 11 requests in any 1 s window
				assertThat(limiter.getLimitForPeriod()).isEqualTo(11);
				assertThat(limiter.getLimitRefreshPeriod()).isEqualTo(Duration.ofSeconds(1));
				RetryConfig retry = context.getBean("sendPulseRetry", Retry.class).getRetryConfig();
				assertThat(retry.getMaxAttempts()).isEqualTo(5);
			});
	}

	@Test
	void readTimeoutReachesTheClient() {
		this.server.enqueue(TemplateContexts.queued().newBuilder().headersDelay(3, TimeUnit.SECONDS).build());
		this.contextRunner
			.withPropertyValues("sendpulse.api-key=" + API_KEY, "sendpulse.base-url=" + this.server.url("/"),
					"sendpulse.read-timeout=200ms", "sendpulse.sms.from=Acme", "sendpulse.retry.enabled=false",
					"sendpulse.rate-limit.enabled=false")
			.run((context) -> assertThatExceptionOfType(SendPulseConnectionException.class)
				.isThrownBy(() -> context.getBean(SmsTemplate.class)
					.send(SmsRequest.builder().to("+14155550123").text("Hi").build()))
				.withMessageContaining("read timeout"));
	}

	@Test
	void customizersAdjustOnlyTheSendPulseWebClient() {
		this.contextRunner
			.withPropertyValues("sendpulse.api-key=" + API_KEY, "sendpulse.base-url=" + this.server.url("/"),
					"sendpulse.sms.from=Acme", "sendpulse.retry.enabled=false", "sendpulse.rate-limit.enabled=false")
			.withUserConfiguration(WebClientCustomizerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				this.server.enqueue(TemplateContexts.queued());
				context.getBean(SmsTemplate.class).send(SmsRequest.builder().to("+14155550123").text("Hi").build());
				RecordedRequest request = take();
				assertThat(request.getHeaders().values("X-Customized")).containsExactly("first", "second");
				assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + API_KEY);
				// the application's own builder carries neither our customization nor our
				// key
				this.server.enqueue(TemplateContexts.queued());
				context.getBean(WebClient.Builder.class)
					.build()
					.get()
					.uri(this.server.url("/elsewhere").uri())
					.retrieve()
					.toBodilessEntity()
					.block(Duration.ofSeconds(10));
				RecordedRequest other = take();
				assertThat(other.getHeaders().get("X-Customized")).isNull();
				assertThat(other.getHeaders().get("Authorization")).isNull();
			});
	}

	@Test
	void theClientDescribesItselfWithoutTheApiKey() {
		this.contextRunner.withPropertyValues("sendpulse.api-key=" + API_KEY).run((context) -> {
			String description = context.getBean(SendPulseClient.class).toString();
			assertThat(description).contains("https://api.sendpulse.io").doesNotContain(API_KEY);
			assertThat(context.getBean(SmsTemplate.class).toString()).contains(description);
		});
	}

	@ParameterizedTest(name = "{0}={1}")
	@CsvSource(delimiter = '|', textBlock = """
			sendpulse.connect-timeout            | -1s
			sendpulse.connect-timeout            | 30d
			sendpulse.read-timeout               | 0s
			sendpulse.attempt-timeout            | 300000d
			sendpulse.max-idle-time              | 0s
			sendpulse.verify.code-length         | 3
			sendpulse.verify.code-length         | 9
			sendpulse.verify.expiry              | -5m
			sendpulse.verify.expiry              | 1500ms
			sendpulse.verify.expiry              | 100000d
			sendpulse.verify.channel             | unknown
			sendpulse.verify.channel             | pigeon
			sendpulse.sms.bulk-concurrency       | 0
			sendpulse.rate-limit.limit-for-period | 0
			sendpulse.rate-limit.refresh-period  | -1s
			sendpulse.rate-limit.refresh-period  | 999999999d
			sendpulse.rate-limit.timeout         | -1s
			sendpulse.rate-limit.timeout         | 2d
			sendpulse.retry.max-attempts         | 0
			sendpulse.retry.max-attempts         | 2147483647
			sendpulse.retry.initial-backoff      | -100ms
			sendpulse.retry.multiplier           | 0.5
			sendpulse.retry.multiplier           | Infinity
			sendpulse.retry.max-backoff          | 0s
			sendpulse.webhook.tolerance          | -1m
			sendpulse.webhook.max-payload-size   | 0B
			""")
	void nonsenseValuesStopStartupNamingTheProperty(String property, String value, CapturedOutput output) {
		this.contextRunner.withPropertyValues("sendpulse.api-key=" + API_KEY, property + "=" + value).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).hasStackTraceContaining(property);
		});
		SpringApplication application = application(ClientApplication.class);
		assertThatException()
			.isThrownBy(() -> application.run("--sendpulse.api-key=" + API_KEY, "--" + property + "=" + value));
		assertThat(output).contains("APPLICATION FAILED TO START", "Property: " + property).doesNotContain(API_KEY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "ftp://api.example.com/v1?token=SECRET789", "api.example.com/v1?token=SECRET789",
			"https:///v1?token=SECRET789" })
	void aBaseUrlThatIsNoHttpUrlStopsStartupWithoutShowingIt(String value, CapturedOutput output) {
		assertThatException().isThrownBy(() -> application(ClientApplication.class)
			.run("--sendpulse.api-key=" + API_KEY, "--sendpulse.base-url=" + value));
		assertThat(output)
			.contains("APPLICATION FAILED TO START", "sendpulse.base-url must be an absolute http or https URL",
					"Update sendpulse.base-url")
			.doesNotContain("SECRET789")
			.doesNotContain(API_KEY);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "   " })
	void aBlankBaseUrlStopsStartupRatherThanMeanSendPulseItself(String value, CapturedOutput output) {
		// As an unset ${MOCK_API_URL:} leaves it: the default would send to SendPulse.
		assertThatException().isThrownBy(() -> application(ClientApplication.class)
			.run("--sendpulse.api-key=" + API_KEY, "--sendpulse.base-url=" + value));
		assertThat(output).contains("APPLICATION FAILED TO START", "sendpulse.base-url is set but blank");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			sendpulse.store          | set it to memory or redis, or leave it empty or unset for memory
			sendpulse.verify.channel | set it to sms, voice or whatsapp, or leave it empty or unset for sms
			""")
	void aValueOfWhitespaceOnlyStopsStartupRatherThanMeanTheDefault(String property, String instead,
			CapturedOutput output) {
		// With or without a key: the store serves webhook endpoints too.
		for (ApplicationContextRunner runner : List.of(this.contextRunner,
				this.contextRunner.withPropertyValues("sendpulse.api-key=" + API_KEY))) {
			runner.withInitializer(asWritten(property, " \t ")).run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InvalidSendPulsePropertyFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).isEqualTo(property + " holds only whitespace: " + instead);
				assertThat(analysis.getAction()).startsWith("Update " + property);
			});
		}
		assertThatException().isThrownBy(() -> application(ClientApplication.class)
			.run("--sendpulse.api-key=" + API_KEY, "--" + property + "=   "));
		assertThat(output).contains("APPLICATION FAILED TO START", property + " holds only whitespace");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			sendpulse.verify.channel             | pigeon
			sendpulse.verify.channel             | UNKNOWN
			sendpulse.accounts.eu.verify.channel | pigeon
			sendpulse.accounts.eu.verify.channel | unknown
			""")
	void aWrongChannelStopsStartupListingOnlyTheChannelsAPropertyMayName(String property, String value) {
		// UNKNOWN is for channels in the API's answers that this version does not know.
		this.contextRunner
			.withPropertyValues("sendpulse.api-key=" + API_KEY, "sendpulse.accounts.eu.api-key=sk-eu",
					property + "=" + value)
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InvalidChannelFailureAnalyzer().analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("Property: " + property, "Value: \"" + value + "\"",
						"Reason: " + property + " must be sms, voice or whatsapp");
				assertThat(analysis.getAction()).isEqualTo("Update " + property
						+ " in the application's configuration (application.yml, or the environment) to sms, "
						+ "voice or whatsapp.");
			});
	}

	@Test
	void aWrongChannelIsExplainedWithTheChannelsAPropertyMayNameOnly(CapturedOutput output) {
		assertThatException().isThrownBy(() -> application(ClientApplication.class)
			.run("--sendpulse.api-key=" + API_KEY, "--sendpulse.verify.channel=pigeon"));
		assertThat(output).contains("APPLICATION FAILED TO START", "Property: sendpulse.verify.channel",
				"Reason: sendpulse.verify.channel must be sms, voice or whatsapp",
				"Update sendpulse.verify.channel in the application's configuration");
		assertThat(output.toString().substring(output.toString().indexOf("APPLICATION FAILED TO START")))
			.doesNotContain("UNKNOWN");
	}

	@Test
	void aWrongAccountNameAsApplicationYmlFlattensItStopsStartupNamingIt(CapturedOutput output) {
		// "eu shop": under sendpulse.accounts becomes sendpulse.accounts.eu shop.api-key,
		// which Spring Boot would bind as the account "eushop".
		assertThatException().isThrownBy(() -> application(ClientApplication.class)
			.run("--spring.config.location=classpath:io/sendpulse/spring/autoconfigure/account-name-with-space.yml"));
		assertThat(output).contains("APPLICATION FAILED TO START",
				"sendpulse.accounts.eu shop: an account name may only hold letters, digits, '-' and '_' (at most 64)",
				"Update sendpulse.accounts.eu shop")
			.doesNotContain("SECRET456");
	}

	@Test
	void anEmptyStoreOrChannelMeansTheDefault() {
		// As an unset ${SENDPULSE_STORE:} leaves them.
		this.contextRunner
			.withPropertyValues("sendpulse.api-key=" + API_KEY, "sendpulse.store=", "sendpulse.verify.channel=")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				SendPulseProperties properties = context.getBean(SendPulseProperties.class);
				assertThat(properties.getStore()).isEqualTo(SendPulseProperties.Store.MEMORY);
				assertThat(properties.getVerify().getChannel()).isEqualTo(Channel.SMS);
			});
	}

	@Test
	void anApiKeyThatNoHeaderCanCarryStopsStartupWithoutShowingIt(CapturedOutput output) {
		assertThatException()
			.isThrownBy(() -> application(ClientApplication.class).run("--sendpulse.api-key=sk-live-SECRET123\u00e9"));
		assertThat(output)
			.contains("APPLICATION FAILED TO START", "sendpulse.api-key must be printable ASCII without spaces",
					"Update sendpulse.api-key")
			.doesNotContain("SECRET123");
	}

	@ParameterizedTest
	@ValueSource(strings = { "sendpulse.sms.from", "sendpulse.voice.from" })
	void aSenderOfOnlySpacesStopsStartup(String property, CapturedOutput output) {
		assertThatException().isThrownBy(() -> application(ClientApplication.class)
			.run("--sendpulse.api-key=" + API_KEY, "--" + property + "=   "));
		assertThat(output).contains("APPLICATION FAILED TO START", property + " must be", "not only spaces");
	}

	@Test
	void nonsenseValuesExplainTheRule(CapturedOutput output) {
		assertThatException().isThrownBy(() -> application(ClientApplication.class)
			.run("--sendpulse.api-key=" + API_KEY, "--sendpulse.retry.multiplier=0.5"));
		assertThat(output).contains("Property: sendpulse.retry.multiplier", "must be a number of at least 1");
	}

	@Test
	void injectingATemplateWithoutAnApiKeyExplainsWhatToSet(CapturedOutput output) {
		assertThatException().isThrownBy(() -> application(NeedsSmsApplication.class).run());
		assertThat(output).contains("APPLICATION FAILED TO START", "SmsTemplate",
				"only created when sendpulse.api-key is set", "Set sendpulse.api-key");
	}

	@Test
	void injectingATemplateWithAnEmptyApiKeyExplainsWhatToSet(CapturedOutput output) {
		assertThatException().isThrownBy(() -> application(NeedsSmsApplication.class).run("--sendpulse.api-key="));
		assertThat(output).contains("Set sendpulse.api-key");
	}

	@Test
	void injectingATemplateWithAnApiKeyPlaceholderThatCannotBeResolvedSaysSo(CapturedOutput output) {
		assertThatException().isThrownBy(() -> application(NeedsSmsApplication.class)
			.run("--sendpulse.api-key=${SENDPULSE_TEST_UNSET_VARIABLE}"));
		assertThat(output).contains("APPLICATION FAILED TO START",
				"only created when sendpulse.api-key is set, and it is a placeholder that cannot be resolved, "
						+ "${SENDPULSE_TEST_UNSET_VARIABLE} (is the environment variable it names set?)",
				"Set sendpulse.api-key");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|',
			textBlock = """
					sendpulse.sms.from   | +141555501234567890 | +1*************7890 | an E.164 phone number or an alphanumeric sender ID of 1 to 11 characters
					sendpulse.sms.from   | ThisIsWayTooLong    | ThisIsWayTooLong    | an E.164 phone number or an alphanumeric sender ID of 1 to 11 characters
					sendpulse.sms.from   | +1 415 555 0123     | +1*********0123     | an E.164 phone number or an alphanumeric sender ID of 1 to 11 characters
					sendpulse.voice.from | +1-415-555-0123     | +1*********0123     | your voice-enabled phone number in E.164 format
					sendpulse.voice.from | 004915112345678     | 0**********5678     | your voice-enabled phone number in E.164 format
					""")
	void aWrongDefaultSenderStopsTheStartNamingThePropertyAndTheRuleWithTheNumberMasked(String property, String value,
			String shown, String rule, CapturedOutput output) {
		assertThatException().isThrownBy(() -> application(ClientApplication.class)
			.run("--sendpulse.api-key=" + API_KEY, "--" + property + "=" + value));
		assertThat(output).contains("APPLICATION FAILED TO START", "Description:\n\n" + property + " must be " + rule,
				"'" + shown + "'", "Action:\n\nUpdate " + property);
		assertThat(output).doesNotContain(API_KEY);
		if (!shown.equals(value)) {
			assertThat(output).doesNotContain(value);
		}
	}

	@Test
	void failureAnalyzerExplainsAMissingTemplateOnlyWhenTheKeyIsUnset() {
		this.contextRunner.withUserConfiguration(NeedsSms.class).run((context) -> {
			assertThat(context).hasFailed();
			NoSuchBeanDefinitionException missing = findCause(context.getStartupFailure(),
					NoSuchBeanDefinitionException.class);
			FailureAnalysis analysis = new MissingApiKeyFailureAnalyzer(new MockEnvironment())
				.analyze(context.getStartupFailure());
			assertThat(analysis).isNotNull();
			assertThat(analysis.getDescription()).contains("SmsTemplate", "sendpulse.api-key");
			assertThat(analysis.getAction()).contains("Set sendpulse.api-key");
			assertThat(new MissingApiKeyFailureAnalyzer(new MockEnvironment().withProperty("sendpulse.api-key", "k"))
				.analyze(missing)).isNull();
			assertThat(new MissingApiKeyFailureAnalyzer(new MockEnvironment())
				.analyze(new NoSuchBeanDefinitionException(String.class))).isNull();
		});
	}

	// TestPropertyValues trims values: whitespace reaches the environment through a
	// source of its own, as it does from application.yml or a variable.
	static ApplicationContextInitializer<ConfigurableApplicationContext> asWritten(String property, String value) {
		return (context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new MapPropertySource("as-written", Map.of(property, value)));
	}

	private static SpringApplication application(Class<?> source) {
		SpringApplication application = new SpringApplication(source);
		application.setWebApplicationType(WebApplicationType.NONE);
		application.setRegisterShutdownHook(false);
		return application;
	}

	private static <T extends Throwable> T findCause(Throwable failure, Class<T> type) {
		for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
			if (type.isInstance(candidate)) {
				return type.cast(candidate);
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " in " + failure);
	}

	private RecordedRequest take() throws InterruptedException {
		RecordedRequest request = this.server.takeRequest(10, TimeUnit.SECONDS);
		assertThat(request).as("request").isNotNull();
		return request;
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class,
			SendPulseAutoConfiguration.class })
	static class ClientApplication {

	}

	@Configuration(proxyBeanMethods = false)
	@Import({ ClientApplication.class, NeedsSms.class })
	static class NeedsSmsApplication {

	}

	static class NeedsSms {

		NeedsSms(SmsTemplate sms) {
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTemplatesConfiguration {

		final SendPulseClient client = SendPulseClient.builder(WebClient.builder()).apiKey("user-key").build();

		@Bean
		SendPulseClient userClient() {
			return this.client;
		}

		@Bean
		SmsTemplate userSms() {
			return new DefaultSmsTemplate(new DefaultReactiveSmsTemplate(this.client, null, 1));
		}

		@Bean
		VoiceTemplate userVoice() {
			return new DefaultVoiceTemplate(new DefaultReactiveVoiceTemplate(this.client, null));
		}

		@Bean
		VerifyTemplate userVerify() {
			return new DefaultVerifyTemplate(new DefaultReactiveVerifyTemplate(this.client, null, null, null));
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserResilienceConfiguration {

		static final RateLimiter RATE_LIMITER = RateLimiter.ofDefaults("mine");

		static final Retry RETRY = Retry.ofDefaults("mine");

		@Bean
		RateLimiter sendPulseRateLimiter() {
			return RATE_LIMITER;
		}

		@Bean
		Retry sendPulseRetry() {
			return RETRY;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserConnectionDetailsConfiguration {

		@Bean
		SendPulseConnectionDetails sandboxConnectionDetails(Environment environment) {
			return new SendPulseConnectionDetails() {

				@Override
				public String apiKey() {
					return "sandbox-key";
				}

				@Override
				public URI baseUrl() {
					return URI.create(environment.getRequiredProperty("test.sandbox-url"));
				}

			};
		}

	}

	@AutoConfiguration(before = SendPulseAutoConfiguration.class)
	@Import(UserConnectionDetailsConfiguration.class)
	static final class SandboxLikeAutoConfiguration {

	}

	@Configuration(proxyBeanMethods = false)
	static class WebClientCustomizerConfiguration {

		@Bean
		@Order(2)
		SendPulseWebClientCustomizer second() {
			return (builder) -> builder.defaultHeaders((headers) -> headers.add("X-Customized", "second"));
		}

		@Bean
		@Order(1)
		SendPulseWebClientCustomizer first() {
			return (builder) -> builder.defaultHeaders((headers) -> headers.add("X-Customized", "first"));
		}

	}

}
