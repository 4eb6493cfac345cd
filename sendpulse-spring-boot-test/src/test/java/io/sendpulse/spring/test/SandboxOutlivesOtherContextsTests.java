package io.sendpulse.spring.test;

import java.time.Duration;

import io.sendpulse.spring.autoconfigure.SendPulseAutoConfiguration;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsStatus;
import io.sendpulse.spring.sms.SmsTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.client.ReactorResourceFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sandbox keeps serving while other application contexts come and go. A closing context
 * with a {@link ReactorResourceFactory} (every WebFlux application has Spring Boot's)
 * disposes Reactor Netty's global resources, as a test class with {@code @DirtiesContext}
 * ends or the context cache evicts a context: a sandbox on those would stop answering
 * every other context's tests.
 */
class SandboxOutlivesOtherContextsTests {

	private static final SmsRequest SMS = SmsRequest.builder().to("+14155550123").text("Your code is 1234").build();

	/**
	 * Applications with the starter pointed at the sandbox, on Reactor Netty's global
	 * resources.
	 */
	private static ApplicationContextRunner contexts(SendPulseSandbox sandbox) {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SendPulseAutoConfiguration.class))
			.withBean(ReactorResourceFactory.class, SandboxOutlivesOtherContextsTests::globalResources)
			.withPropertyValues("sendpulse.api-key=" + sandbox.apiKey(), "sendpulse.base-url=" + sandbox.baseUrl(),
					"sendpulse.sms.from=MyApp", "sendpulse.retry.enabled=false");
	}

	private static ReactorResourceFactory globalResources() {
		ReactorResourceFactory factory = new ReactorResourceFactory();
		factory.setShutdownQuietPeriod(Duration.ofMillis(20));
		return factory;
	}

	@Test
	void aSandboxAnswersAfterAnotherContextClosed() {
		try (SendPulseSandbox sandbox = SendPulseSandbox.builder().build().start()) {
			ApplicationContextRunner contexts = contexts(sandbox);
			for (int i = 0; i < 2; i++) {
				contexts.run((context) -> assertThat(context.getBean(SmsTemplate.class).send(SMS).status())
					.isEqualTo(SmsStatus.QUEUED));
			}
			assertThat(sandbox.sentMessages()).hasSize(2);
		}
	}

	@Test
	void anOpenContextsClientAndSandboxWorkAfterAnotherContextClosed() {
		try (SendPulseSandbox sandbox = SendPulseSandbox.builder().build().start()) {
			ApplicationContextRunner contexts = contexts(sandbox);
			contexts.run((open) -> {
				assertThat(open.getBean(SmsTemplate.class).send(SMS).status()).isEqualTo(SmsStatus.QUEUED);
				contexts.run((other) -> assertThat(other.getBean(SmsTemplate.class).send(SMS).status())
					.isEqualTo(SmsStatus.QUEUED));
				assertThat(open.getBean(SmsTemplate.class).send(SMS).status()).isEqualTo(SmsStatus.QUEUED);
			});
		}
	}

}
