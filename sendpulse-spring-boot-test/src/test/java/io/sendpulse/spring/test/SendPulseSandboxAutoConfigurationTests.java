package io.sendpulse.spring.test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;

import io.sendpulse.spring.autoconfigure.SendPulseAutoConfiguration;
import io.sendpulse.spring.autoconfigure.SendPulseConnectionDetails;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsStatus;
import io.sendpulse.spring.sms.SmsTemplate;
import io.sendpulse.spring.verify.VerifyTemplate;
import io.sendpulse.spring.voice.VoiceTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.SpringProperties;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link SendPulseSandboxAutoConfiguration}.
 */
@ExtendWith(OutputCaptureExtension.class)
class SendPulseSandboxAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final WebhookRecorder recorder = new WebhookRecorder();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SendPulseSandboxAutoConfiguration.class, SendPulseAutoConfiguration.class))
		.withPropertyValues("sendpulse.sms.from=MyApp");

	@Test
	void refusesToStartWhereAotProcessingDecidedOnASandboxNoLongerAskedFor() {
		SpringProperties.setProperty(AotDetector.AOT_ENABLED, "true");
		try {
			assertThatExceptionOfType(IllegalStateException.class)
				.isThrownBy(
						() -> new SendPulseSandboxAutoConfiguration().sendPulseSandbox(new SendPulseSandboxProperties(),
								new MockEnvironment().withProperty("sendpulse.sandbox.enabled", "false"),
								new DefaultListableBeanFactory()))
				.withMessageContaining("AOT-processed with sendpulse.sandbox.enabled=true");
		}
		finally {
			SpringProperties.setProperty(AotDetector.AOT_ENABLED, null);
		}
	}

	@Test
	void startsNoSandboxInAnApplicationThatDidNotAskForIt() {
		this.contextRunner.run((context) -> {
			assertThat(context).doesNotHaveBean(SendPulseSandbox.class);
			assertThat(context).doesNotHaveBean(SmsTemplate.class);
		});
	}

	@Test
	void startsNoSandboxBesideARealApiKey() {
		this.contextRunner.withPropertyValues("sendpulse.api-key=live-key").run((context) -> {
			assertThat(context).doesNotHaveBean(SendPulseSandbox.class);
			assertThat(context).hasSingleBean(SmsTemplate.class);
			assertThat(context.getBean(SendPulseConnectionDetails.class).baseUrl())
				.isEqualTo(URI.create("https://api.sendpulse.io"));
		});
	}

	@Test
	void startsNoSandboxWhenItIsDisabled() {
		this.contextRunner.withPropertyValues("sendpulse.sandbox.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SendPulseSandbox.class));
	}

	@Test
	void startsTheSandboxAndPointsTheTemplatesAtIt() {
		this.contextRunner.withPropertyValues("sendpulse.sandbox.enabled=true").run((context) -> {
			SendPulseSandbox sandbox = context.getBean(SendPulseSandbox.class);
			assertThat(context).hasSingleBean(SmsTemplate.class)
				.hasSingleBean(VoiceTemplate.class)
				.hasSingleBean(VerifyTemplate.class);
			SendPulseConnectionDetails connection = context.getBean(SendPulseConnectionDetails.class);
			assertThat(connection.baseUrl()).isEqualTo(sandbox.baseUrl());
			assertThat(connection.apiKey()).isEqualTo("sandbox-key");
			context.getBean(SmsTemplate.class).send(SmsRequest.builder().to("+14155550123").text("Hello").build());
			assertThat(sandbox.sentMessages()).singleElement()
				.satisfies((message) -> assertThat(message.from()).isEqualTo("MyApp"));
		});
	}

	@AfterEach
	void stopRecorder() {
		this.recorder.close();
	}

	@Test
	void takesOverFromARealApiKeySoNothingLeavesTheMachineAndWarnsNamingTheProperty(CapturedOutput output) {
		this.contextRunner.withPropertyValues("sendpulse.sandbox.enabled=true", "sendpulse.api-key=live-key")
			.run((context) -> {
				SendPulseConnectionDetails connection = context.getBean(SendPulseConnectionDetails.class);
				assertThat(connection.apiKey()).isEqualTo("sandbox-key");
				assertThat(connection.baseUrl().getHost()).isEqualTo("127.0.0.1");
			});
		assertThat(output).containsOnlyOnce("the SendPulse sandbox on loopback replaces sendpulse.api-key")
			.contains("WARN", "sendpulse.sandbox.enabled=false")
			.doesNotContain("live-key");
	}

	@Test
	void startsWhenTheApiKeyIsAPlaceholderThatCannotBeResolved(CapturedOutput output) {
		// application.yml's ${SENDPULSE_API_KEY}, in a test run without the variable.
		this.contextRunner
			.withPropertyValues("sendpulse.sandbox.enabled=true", "sendpulse.api-key=${SENDPULSE_TEST_UNSET_VARIABLE}")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(SendPulseConnectionDetails.class).apiKey()).isEqualTo("sandbox-key");
				sendSms(context);
				assertThat(context.getBean(SendPulseSandbox.class).sentMessages()).hasSize(1);
			});
		assertThat(output).doesNotContain("replaces sendpulse.api-key");
	}

	@Test
	void doesNotWarnAboutAnApiKeyWhenThereIsNoneToReplace(CapturedOutput output) {
		this.contextRunner.withPropertyValues("sendpulse.sandbox.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(SendPulseSandbox.class));
		assertThat(output).doesNotContain("replaces sendpulse.api-key");
	}

	@Test
	void signsWebhooksWithTheSandboxWebhookSecret() {
		webhooks()
			.withPropertyValues("sendpulse.sandbox.webhook-secret=sandbox-only\n",
					"sendpulse.webhook.additional-secrets=sandbox-only")
			.run((context) -> {
				sendSms(context);
				await().atMost(WAIT).until(() -> this.recorder.events().size() == 2);
				assertThat(this.recorder.received())
					.allSatisfy((received) -> assertThat(received.signedWith("sandbox-only")).isTrue());
			});
	}

	@Test
	void neverSignsWithTheApplicationsWebhookSecretUnlessToldTo(CapturedOutput output) {
		webhooks().run((context) -> {
			sendSms(context);
			SendPulseSandbox sandbox = context.getBean(SendPulseSandbox.class);
			await().atMost(WAIT)
				.until(() -> sandbox.sentMessages().get(0).status() == SmsStatus.DELIVERED
						&& output.toString().contains("posts no webhooks"));
			assertThat(sandbox.webhooks()).isEmpty();
			assertThat(this.recorder.received()).isEmpty();
		});
		assertThat(output).containsOnlyOnce("it does not sign with sendpulse.webhook.secret")
			.contains("sendpulse.sandbox.webhook-secret", "sendpulse.sandbox.use-application-webhook-secret=true")
			.doesNotContain("real-secret");
	}

	@Test
	void signsWithTheApplicationsWebhookSecretWhenToldTo() {
		webhooks().withPropertyValues("sendpulse.sandbox.use-application-webhook-secret=true").run((context) -> {
			sendSms(context);
			await().atMost(WAIT).until(() -> this.recorder.events().size() == 2);
			assertThat(this.recorder.received())
				.allSatisfy((received) -> assertThat(received.signedWith("real-secret")).isTrue());
		});
	}

	@Test
	void warnsWhenTheApplicationDoesNotAcceptTheSandboxWebhookSecret(CapturedOutput output) {
		webhooks().withPropertyValues("sendpulse.sandbox.webhook-secret=sandbox-only")
			.run((context) -> assertThat(context).hasSingleBean(SendPulseSandbox.class));
		assertThat(output).contains("the application's endpoint will refuse them (401)")
			.doesNotContain("sandbox-only", "real-secret");
	}

	@Test
	void acceptsMoreApiKeysEachWithItsOwnBalance() {
		this.contextRunner
			.withPropertyValues("sendpulse.sandbox.enabled=true",
					"sendpulse.sandbox.additional-accounts[0].api-key=second-key",
					"sendpulse.sandbox.additional-accounts[0].balance=0.5")
			.run((context) -> {
				SendPulseSandbox sandbox = context.getBean(SendPulseSandbox.class);
				assertThat(sandbox.apiKeys()).containsExactly("sandbox-key", "second-key");
				assertThat(sandbox.balance("second-key")).isEqualByComparingTo("0.5");
				assertThat(sandbox.balance()).isEqualByComparingTo("100.00");
				assertThat(context.getBean(SendPulseConnectionDetails.class).apiKey()).isEqualTo("sandbox-key");
			});
	}

	@Test
	void startsWithTheSameDefaultsAsTheBuilder() {
		SendPulseSandbox built = SendPulseSandbox.builder().build();
		this.contextRunner.withPropertyValues("sendpulse.sandbox.enabled=true").run((context) -> {
			SendPulseSandbox sandbox = context.getBean(SendPulseSandbox.class);
			assertThat(sandbox.apiKey()).isEqualTo(built.apiKey());
			assertThat(sandbox.balance()).isEqualByComparingTo(built.balance());
			assertThat(sandbox.stepDelay()).isEqualTo(built.stepDelay());
		});
	}

	private ApplicationContextRunner webhooks() {
		return this.contextRunner.withPropertyValues("sendpulse.sandbox.enabled=true",
				"sendpulse.sandbox.step-delay=10ms", "sendpulse.webhook.secret=real-secret",
				"sendpulse.sandbox.webhook-url=" + this.recorder.url("/webhooks/sendpulse"));
	}

	private static void sendSms(AssertableApplicationContext context) {
		context.getBean(SmsTemplate.class).send(SmsRequest.builder().to("+14155550123").text("Hello").build());
	}

	@Test
	void appliesTheSandboxProperties() {
		this.contextRunner
			.withPropertyValues("sendpulse.sandbox.enabled=true", "sendpulse.sandbox.api-key=my-key",
					"sendpulse.sandbox.balance=0.0075", "sendpulse.sandbox.step-delay=1s",
					"sendpulse.sandbox.auto-advance=false")
			.run((context) -> {
				SendPulseSandbox sandbox = context.getBean(SendPulseSandbox.class);
				assertThat(sandbox.apiKey()).isEqualTo("my-key");
				assertThat(sandbox.balance()).isEqualByComparingTo(new BigDecimal("0.0075"));
				assertThat(sandbox.stepDelay()).hasSeconds(1);
				assertThat(context.getBean(SendPulseConnectionDetails.class).apiKey()).isEqualTo("my-key");
			});
	}

	@Test
	void stopsTheSandboxWhenTheContextCloses() {
		int[] port = new int[1];
		this.contextRunner.withPropertyValues("sendpulse.sandbox.enabled=true")
			.run((context) -> port[0] = context.getBean(SendPulseSandbox.class).port());
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> new Socket("127.0.0.1", port[0]).close());
	}

	@Test
	void backsOffFromASandboxTheApplicationDefines() {
		this.contextRunner.withPropertyValues("sendpulse.sandbox.enabled=true")
			.withUserConfiguration(OwnSandbox.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(SendPulseSandbox.class);
				assertThat(context.getBean(SendPulseSandbox.class).apiKey()).isEqualTo("own-key");
				assertThat(context.getBean(SendPulseConnectionDetails.class).apiKey()).isEqualTo("own-key");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnSandbox {

		@Bean(destroyMethod = "stop")
		SendPulseSandbox ownSandbox() {
			return SendPulseSandbox.builder().apiKey("own-key").build().start();
		}

	}

}
