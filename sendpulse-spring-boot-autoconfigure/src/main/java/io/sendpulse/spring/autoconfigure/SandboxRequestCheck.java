package io.sendpulse.spring.autoconfigure;

import io.sendpulse.spring.internal.InvalidSendPulsePropertyException;

import org.springframework.aot.AotDetector;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Stops the start when {@code sendpulse.sandbox.enabled} is true but the application has
 * no sandbox to use: its jar ({@code sendpulse-spring-boot-test}) is not on the class
 * path, or AOT processed the application without it. The calls would otherwise go to
 * SendPulse, the one thing the property is set to prevent. Lives in the starter, as the
 * sandbox's own auto-configuration cannot run where it is missing.
 */
final class SandboxRequestCheck implements BeanFactoryPostProcessor {

	private static final String SANDBOX_ENABLED = "sendpulse.sandbox.enabled";

	private static final String SANDBOX = "io.sendpulse.spring.test.SendPulseSandbox";

	private final Environment environment;

	private final String sandboxType;

	SandboxRequestCheck(Environment environment) {
		this(environment, SANDBOX);
	}

	SandboxRequestCheck(Environment environment, String sandboxType) {
		this.environment = environment;
		this.sandboxType = sandboxType;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
		if (!requested()) {
			return;
		}
		if (!ClassUtils.isPresent(this.sandboxType, beanFactory.getBeanClassLoader())) {
			throw new InvalidSendPulsePropertyException(SANDBOX_ENABLED, SANDBOX_ENABLED
					+ " is true, but the sandbox (sendpulse-spring-boot-test) is not on the class path: the calls "
					+ "would go to the real SendPulse API. Add it as a runtime dependency, or remove the property");
		}
		if (AotDetector.useGeneratedArtifacts() && !hasSandbox(beanFactory)) {
			throw new InvalidSendPulsePropertyException(SANDBOX_ENABLED, SANDBOX_ENABLED + " is true, but this "
					+ "application was AOT-processed without it: it has no sandbox and would send to the real "
					+ "SendPulse API. AOT-process it with " + SANDBOX_ENABLED + "=true, or remove the property");
		}
	}

	private boolean requested() {
		try {
			return "true".equalsIgnoreCase(this.environment.getProperty(SANDBOX_ENABLED));
		}
		catch (IllegalArgumentException ex) {
			// An unresolvable placeholder: not a request.
			return false;
		}
	}

	private boolean hasSandbox(ConfigurableListableBeanFactory beanFactory) {
		for (String name : beanFactory.getBeanDefinitionNames()) {
			Class<?> type = beanFactory.getType(name, false);
			if (type != null && type.getName().equals(this.sandboxType)) {
				return true;
			}
		}
		return false;
	}

}
