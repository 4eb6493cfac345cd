package io.sendpulse.spring.test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.Socket;
import java.net.URI;

import io.sendpulse.spring.autoconfigure.SendPulseAutoConfiguration;
import io.sendpulse.spring.autoconfigure.SendPulseConnectionDetails;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import io.sendpulse.spring.verify.VerifyTemplate;
import io.sendpulse.spring.voice.VoiceTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link SendPulseSandboxAutoConfiguration}.
 */
class SendPulseSandboxAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(SendPulseSandboxAutoConfiguration.class, SendPulseAutoConfiguration.class))
		.withPropertyValues("sendpulse.sms.from=MyApp");

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

	@Test
	void takesOverFromARealApiKeySoNothingLeavesTheMachine() {
		this.contextRunner.withPropertyValues("sendpulse.sandbox.enabled=true", "sendpulse.api-key=live-key")
			.run((context) -> {
				SendPulseConnectionDetails connection = context.getBean(SendPulseConnectionDetails.class);
				assertThat(connection.apiKey()).isEqualTo("sandbox-key");
				assertThat(connection.baseUrl().getHost()).isEqualTo("127.0.0.1");
			});
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
