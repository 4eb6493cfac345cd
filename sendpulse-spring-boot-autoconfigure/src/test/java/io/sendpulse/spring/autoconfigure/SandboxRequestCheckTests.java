package io.sendpulse.spring.autoconfigure;

import io.sendpulse.spring.internal.InvalidSendPulsePropertyException;
import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.SpringProperties;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link SandboxRequestCheck}: {@code sendpulse.sandbox.enabled=true} with no
 * sandbox to use stops the start, on the JVM and in an AOT-processed application.
 */
class SandboxRequestCheckTests {

	private static final MockEnvironment REQUESTED = new MockEnvironment()
		.withProperty("sendpulse.sandbox.enabled", "true")
		.withProperty("sendpulse.api-key", "sk-live");

	@Test
	void stopsTheStartWhenTheSandboxJarIsMissing() {
		// This module's tests have no sandbox jar.
		assertThatExceptionOfType(InvalidSendPulsePropertyException.class)
			.isThrownBy(
					() -> new SandboxRequestCheck(REQUESTED).postProcessBeanFactory(new DefaultListableBeanFactory()))
			.satisfies((ex) -> assertThat(ex.getProperty()).isEqualTo("sendpulse.sandbox.enabled"))
			.withMessageContaining("the sandbox (sendpulse-spring-boot-test) is not on the class path")
			.withMessageContaining("would go to the real SendPulse API")
			.withMessageNotContaining("sk-live");
	}

	@Test
	void anApplicationWithoutTheSandboxJarDoesNotStartAndSaysWhy() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(SendPulseAutoConfiguration.class))
			.withPropertyValues("sendpulse.sandbox.enabled=true", "sendpulse.api-key=sk-live")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InvalidSendPulsePropertyFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("sendpulse-spring-boot-test").doesNotContain("sk-live");
				assertThat(analysis.getAction()).contains("sendpulse.sandbox.enabled");
			});
	}

	@Test
	void stopsTheStartOfAnApplicationProcessedWithoutTheSandbox() {
		// Connection details of the application's own do not count: the calls would go
		// to SendPulse all the same.
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("vaultConnectionDetails",
				new RootBeanDefinition(PropertiesSendPulseConnectionDetails.class));
		assertThatExceptionOfType(InvalidSendPulsePropertyException.class)
			.isThrownBy(() -> underAot(() -> check().postProcessBeanFactory(beanFactory)))
			.withMessageContaining("AOT-processed without it")
			.withMessageNotContaining("sk-live");
	}

	@Test
	void startsWithTheSandboxItWasProcessedWith() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition("sendPulseSandbox", new RootBeanDefinition(Sandbox.class));
		assertThatNoException().isThrownBy(() -> underAot(() -> check().postProcessBeanFactory(beanFactory)));
	}

	@Test
	void doesNothingWhenTheSandboxIsNotAskedFor() {
		assertThatNoException().isThrownBy(() -> new SandboxRequestCheck(new MockEnvironment())
			.postProcessBeanFactory(new DefaultListableBeanFactory()));
	}

	// The sandbox's jar is not on this module's class path: a stand-in.
	private static SandboxRequestCheck check() {
		return new SandboxRequestCheck(REQUESTED, Sandbox.class.getName());
	}

	private static void underAot(Runnable action) {
		SpringProperties.setProperty(AotDetector.AOT_ENABLED, "true");
		try {
			action.run();
		}
		finally {
			SpringProperties.setProperty(AotDetector.AOT_ENABLED, null);
		}
	}

	static final class Sandbox {

	}

}
