package io.sendpulse.spring.accounts;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.sendpulse.spring.TemplateContexts;
import io.sendpulse.spring.autoconfigure.SendPulseAutoConfiguration;
import io.sendpulse.spring.internal.InvalidSendPulsePropertyException;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import io.sendpulse.spring.verify.VerificationRequest;
import io.sendpulse.spring.verify.VerifyTemplate;
import io.sendpulse.spring.voice.VoiceTemplate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The {@link SendPulseAccounts} bean: configured accounts by name, run-time accounts for
 * a key, the errors of a wrong name or key (never showing a key), and the account in
 * observations and metrics. Over real HTTP to a MockWebServer.
 */
class SendPulseAccountsTests {

	private static final String DEFAULT_KEY = "sk-default-secret";

	private static final String EU_KEY = "sk-eu-secret";

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, SendPulseAutoConfiguration.class))
		.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=20ms", "sendpulse.api-key=" + DEFAULT_KEY,
				"sendpulse.sms.from=Default", "sendpulse.accounts.eu.api-key=" + EU_KEY,
				"sendpulse.accounts.eu.sms.from=EuShop");

	@Test
	void givesTheTemplateBeansAsTheDefaultAccount() {
		this.contextRunner.run((context) -> {
			SendPulseAccounts accounts = context.getBean(SendPulseAccounts.class);
			assertThat(accounts.names()).containsExactly("default", "eu");
			assertThat(accounts.account("default").name()).isEqualTo("default");
			assertThat(accounts.sms("default")).isSameAs(context.getBean(SmsTemplate.class));
			assertThat(accounts.voice("default")).isSameAs(context.getBean(VoiceTemplate.class));
			assertThat(accounts.verify("default")).isSameAs(context.getBean(VerifyTemplate.class));
			assertThat(accounts.sms("eu")).isNotSameAs(context.getBean(SmsTemplate.class));
		});
	}

	@Test
	void sendsWithTheAccountsKeyAndSender() {
		this.server.enqueue(TemplateContexts.queued());
		this.server.enqueue(TemplateContexts.queued());
		this.contextRunner.withPropertyValues("sendpulse.base-url=" + this.server.url("/")).run((context) -> {
			SendPulseAccounts accounts = context.getBean(SendPulseAccounts.class);
			accounts.sms("eu").send(SmsRequest.builder().to("+4915112345678").text("Hallo").build());
			context.getBean(SmsTemplate.class).send(SmsRequest.builder().to("+14155550123").text("Hello").build());
			RecordedRequest eu = this.server.takeRequest();
			assertThat(eu.getHeaders().get("Authorization")).isEqualTo("Bearer " + EU_KEY);
			assertThat(eu.getBody().utf8()).contains("\"from\":\"EuShop\"");
			RecordedRequest top = this.server.takeRequest();
			assertThat(top.getHeaders().get("Authorization")).isEqualTo("Bearer " + DEFAULT_KEY);
			assertThat(top.getBody().utf8()).contains("\"from\":\"Default\"");
		});
	}

	@Test
	void sendsForARunTimeKeyWithTheTopLevelDefaults() {
		this.server.enqueue(TemplateContexts.queued());
		this.contextRunner.withPropertyValues("sendpulse.base-url=" + this.server.url("/")).run((context) -> {
			SendPulseAccount tenant = context.getBean(SendPulseAccounts.class).forApiKey(" sk-tenant-42\n");
			assertThat(tenant.name()).isEqualTo("runtime");
			tenant.sms().send(SmsRequest.builder().to("+14155550123").text("Hello").build());
			RecordedRequest request = this.server.takeRequest();
			assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer sk-tenant-42");
			assertThat(request.getBody().utf8()).contains("\"from\":\"Default\"");
			assertThat(tenant.toString()).doesNotContain("sk-tenant-42");
		});
	}

	@Test
	void cachesRunTimeAccountsByKeyAndName() {
		this.contextRunner.run((context) -> {
			SendPulseAccounts accounts = context.getBean(SendPulseAccounts.class);
			assertThat(accounts.forApiKey("sk-tenant")).isSameAs(accounts.forApiKey("sk-tenant"));
			assertThat(accounts.forApiKey("sk-tenant", "gold")).isNotSameAs(accounts.forApiKey("sk-tenant"))
				.isSameAs(accounts.forApiKey("sk-tenant", "gold"));
			assertThat(accounts.forApiKey("sk-tenant", "gold").name()).isEqualTo("gold");
		});
	}

	@Test
	void failsForAnUnknownNameNamingItAndTheKnownOnes() {
		this.contextRunner.run((context) -> {
			SendPulseAccounts accounts = context.getBean(SendPulseAccounts.class);
			assertThatIllegalArgumentException().isThrownBy(() -> accounts.sms("us"))
				.withMessageContaining("'us'")
				.withMessageContaining("[default, eu]");
			assertThatIllegalArgumentException().isThrownBy(() -> accounts.account(EU_KEY + " "))
				.withMessageNotContaining(EU_KEY)
				.withMessageContaining("[default, eu]");
			assertThatIllegalArgumentException().isThrownBy(() -> accounts.account(EU_KEY))
				.withMessageNotContaining(EU_KEY)
				.withMessageContaining("[default, eu]");
		});
	}

	@Test
	void failsForABlankOrUnsendableKeyWithoutShowingIt() {
		this.contextRunner.run((context) -> {
			SendPulseAccounts accounts = context.getBean(SendPulseAccounts.class);
			assertThatIllegalArgumentException().isThrownBy(() -> accounts.forApiKey("  "))
				.withMessageContaining("must not be blank");
			assertThatIllegalArgumentException().isThrownBy(() -> accounts.forApiKey("sk-half key"))
				.withMessageContaining("printable ASCII without spaces")
				.withMessageNotContaining("sk-half");
			assertThatIllegalArgumentException().isThrownBy(() -> accounts.forApiKey("sk-tenant", "sk tenant"))
				.withMessageContaining("letters, digits")
				.withMessageNotContaining("sk tenant");
			assertThatIllegalArgumentException().isThrownBy(() -> accounts.forApiKey("sk-tenant", "eu"))
				.withMessageContaining("configured account");
			assertThatIllegalArgumentException().isThrownBy(() -> accounts.forApiKey("sk-tenant", "default"))
				.withMessageContaining("configured account");
		});
	}

	@Test
	void stopsStartupForAnAccountNamedDefault() {
		this.contextRunner.withPropertyValues("sendpulse.accounts.default.api-key=sk-other").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSendPulsePropertyException.class)
				.hasMessageContaining("sendpulse.accounts.default")
				.hasMessageContaining("top-level account");
		});
	}

	@Test
	void stopsStartupForAnAccountWithoutKeyNamingIt() {
		this.contextRunner.withPropertyValues("sendpulse.accounts.us.sms.from=UsShop").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("sendpulse.accounts.us.api-key must not be blank");
		});
	}

	@Test
	void stopsStartupForAnAccountWhoseKeyIsAPlaceholderThatCannotBeResolved() {
		// Spring Boot binds it as written; sent as a key, every call would fail with 401.
		this.contextRunner.withPropertyValues("sendpulse.accounts.us.api-key=${SENDPULSE_TEST_UNSET_VARIABLE}")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidSendPulsePropertyException.class)
					.hasMessage("sendpulse.accounts.us.api-key holds a placeholder that could not be resolved, "
							+ "${SENDPULSE_TEST_UNSET_VARIABLE}: define what it names (an environment variable, for "
							+ "example)");
			});
	}

	@Test
	void stopsStartupForAnAccountsWrongSenderNamingItWithTheNumberMasked() {
		this.contextRunner.withPropertyValues("sendpulse.accounts.eu.voice.from=+141555501234567890").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSendPulsePropertyException.class)
				.hasMessageContaining(
						"sendpulse.accounts.eu.voice.from must be your voice-enabled phone number in E.164")
				.hasMessageContaining("'+1*************7890'")
				.hasMessageNotContaining("141555501234567890");
		});
	}

	@ParameterizedTest
	@ValueSource(strings = { "eu shop", "eu!", "eu/shop", "default" })
	void stopsStartupForAWrongAccountNameInTheDottedFormNamingItAsWritten(String name) {
		// Spring Boot would bind "eu shop" as the account "eushop".
		this.contextRunner.withPropertyValues("sendpulse.accounts." + name + ".api-key=sk-other").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.isInstanceOf(InvalidSendPulsePropertyException.class)
				.hasMessageStartingWith("sendpulse.accounts." + name + ": ")
				.hasMessageNotContaining("sk-other");
		});
	}

	@Test
	void takesEveryNameTheRuleAllowsInTheDottedForm() {
		this.contextRunner
			.withPropertyValues("sendpulse.accounts.eu_west.api-key=sk-eu-west",
					"sendpulse.accounts.US-2.api-key=sk-us")
			.run((context) -> assertThat(context.getBean(SendPulseAccounts.class).names())
				.containsExactlyInAnyOrder("default", "eu", "eu_west", "US-2"));
	}

	@Test
	void stopsStartupForAnAccountsChannelOfWhitespaceOnly() {
		// Bound as none, it would silently be the top-level channel.
		this.contextRunner
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("as-written", Map.of("sendpulse.accounts.eu.verify.channel", "  "))))
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidSendPulsePropertyException.class)
					.hasMessage("sendpulse.accounts.eu.verify.channel holds only whitespace: set it to sms, voice or "
							+ "whatsapp, or leave it empty or unset to use sendpulse.verify.channel");
			});
	}

	@Test
	void anAccountsEmptyChannelIsTheTopLevelOne() {
		this.server.enqueue(new MockResponse.Builder().addHeader("Content-Type", "application/json")
			.body("{\"request_id\":\"vrf_1\",\"to\":\"+4915112345678\",\"channel\":\"voice\","
					+ "\"status\":\"pending\",\"expires_at\":\"2030-01-01T00:00:00Z\"}")
			.build());
		this.contextRunner
			.withPropertyValues("sendpulse.base-url=" + this.server.url("/"), "sendpulse.verify.channel=voice",
					"sendpulse.accounts.eu.verify.channel=")
			.run((context) -> {
				context.getBean(SendPulseAccounts.class)
					.verify("eu")
					.start(VerificationRequest.builder().to("+4915112345678").build());
				assertThat(this.server.takeRequest().getBody().utf8()).contains("\"channel\":\"voice\"");
			});
	}

	@Test
	void stopsStartupForAnInvalidAccountNameNamingIt() {
		this.contextRunner.withPropertyValues("sendpulse.accounts[eu shop].api-key=sk-other").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("sendpulse.accounts.eu shop")
				.hasMessageContaining("letters, digits, '-' and '_'");
		});
	}

	@Test
	void sharesOneRateLimiterPerKey() {
		this.contextRunner
			.withPropertyValues("sendpulse.accounts.eu2.api-key=" + EU_KEY,
					"sendpulse.accounts.same.api-key=" + DEFAULT_KEY, "sendpulse.base-url=" + this.server.url("/"))
			.run((context) -> {
				SendPulseAccounts accounts = context.getBean(SendPulseAccounts.class);
				RateLimiter defaultLimiter = context.getBean("sendPulseRateLimiter", RateLimiter.class);
				assertThat(limiterOf(accounts.account("same"))).isSameAs(defaultLimiter);
				assertThat(limiterOf(accounts.forApiKey(DEFAULT_KEY))).isSameAs(defaultLimiter);
				RateLimiter eu = limiterOf(accounts.account("eu"));
				assertThat(eu).isNotNull().isNotSameAs(defaultLimiter);
				assertThat(limiterOf(accounts.account("eu2"))).isSameAs(eu);
				assertThat(limiterOf(accounts.forApiKey(EU_KEY, "eu-again"))).isSameAs(eu);
				assertThat(limiterOf(accounts.forApiKey("sk-tenant"))).isNotNull()
					.isNotSameAs(eu)
					.isNotSameAs(defaultLimiter);
			});
	}

	@Test
	void appliesAnAccountsRateLimitToItsKey() {
		this.contextRunner
			.withPropertyValues("sendpulse.accounts.eu.rate-limit.limit-for-period=3",
					"sendpulse.accounts.eu.rate-limit.refresh-period=2s")
			.run((context) -> {
				RateLimiter eu = limiterOf(context.getBean(SendPulseAccounts.class).account("eu"));
				assertThat(eu.getRateLimiterConfig().getLimitForPeriod()).isEqualTo(3);
				assertThat(eu.getRateLimiterConfig().getLimitRefreshPeriod()).isEqualTo(Duration.ofSeconds(2));
				assertThat(eu.getRateLimiterConfig().getTimeoutDuration()).isEqualTo(Duration.ofSeconds(10));
			});
	}

	@Test
	void tagsObservationsWithTheAccount() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.server.enqueue(TemplateContexts.queued());
		this.server.enqueue(TemplateContexts.queued());
		this.server.enqueue(TemplateContexts.queued());
		this.contextRunner.withPropertyValues("sendpulse.base-url=" + this.server.url("/"))
			.withBean(ObservationRegistry.class, () -> registry)
			.run((context) -> {
				SendPulseAccounts accounts = context.getBean(SendPulseAccounts.class);
				send(context.getBean(SmsTemplate.class));
				send(accounts.sms("eu"));
				send(accounts.forApiKey("sk-tenant").sms());
				TestObservationRegistryAssert.assertThat(registry).hasHandledContextsThatSatisfy((contexts) -> {
					assertThat(contexts.stream()
						.filter((observed) -> "sendpulse.client.operations".equals(observed.getName()))
						.map((observed) -> observed.getLowCardinalityKeyValue("account").getValue()))
						.containsExactly("default", "eu", "runtime");
				});
			});
	}

	@Test
	void countsSegmentsPerAccount() {
		MeterRegistry meters = new SimpleMeterRegistry();
		this.server.enqueue(TemplateContexts.queued());
		this.server.enqueue(TemplateContexts.queued());
		this.contextRunner.withPropertyValues("sendpulse.base-url=" + this.server.url("/"))
			.withBean(MeterRegistry.class, () -> meters)
			.run((context) -> {
				send(context.getBean(SmsTemplate.class));
				send(context.getBean(SendPulseAccounts.class).sms("eu"));
				assertThat(meters.get("sendpulse.sms.segments")
					.tags("account", "default", "encoding", "gsm-7")
					.counter()
					.count()).isEqualTo(1);
				assertThat(meters.get("sendpulse.sms.segments")
					.tags("account", "eu", "encoding", "gsm-7")
					.counter()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void reportsTheLimiterOfEachFurtherKeyUnderItsAccountsName() {
		this.contextRunner.withPropertyValues("sendpulse.accounts.same.api-key=" + DEFAULT_KEY).run((context) -> {
			MeterRegistry registry = new SimpleMeterRegistry();
			context.getBean("sendPulseMetrics", MeterBinder.class).bindTo(registry);
			assertThat(registry.find("sendpulse.ratelimiter.available.permissions").gauges())
				.extracting((gauge) -> gauge.getId().getTag("name"))
				// 'same' uses the top-level key: its limiter is the top-level one.
				.containsExactlyInAnyOrder("sendpulse", "sendpulse-eu");
		});
	}

	@SuppressWarnings("unchecked")
	private static RateLimiter limiterOf(SendPulseAccount account) {
		// The limiter is the client's own: read back through its field, the one place
		// that says which limiter a request waits on.
		Object sms = account.sms().reactive();
		Object client = field(sms, "client");
		// Asked for at the first call: the field gives it.
		Supplier<Optional<RateLimiter>> limiter = (Supplier<Optional<RateLimiter>>) field(client, "rateLimiter");
		return limiter.get().orElseThrow();
	}

	private static Object field(Object target, String name) {
		try {
			java.lang.reflect.Field field = target.getClass().getDeclaredField(name);
			field.setAccessible(true);
			return field.get(target);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static void send(SmsTemplate sms) {
		sms.send(SmsRequest.builder().to("+14155550123").text("Hello").build());
	}

}
