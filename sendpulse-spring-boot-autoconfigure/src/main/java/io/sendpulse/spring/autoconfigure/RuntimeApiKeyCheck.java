package io.sendpulse.spring.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import io.sendpulse.spring.internal.InvalidSendPulsePropertyException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aot.AotDetector;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Decides {@link OnApiKeyCondition} again at run time in an AOT-processed application.
 * AOT freezes the bean definitions at build time, where the condition matches on purpose;
 * when at run time there is neither {@code sendpulse.api-key} nor other
 * {@link SendPulseConnectionDetails}, the beans the condition guards are removed, so the
 * application starts as it would on the JVM without a key. Does nothing more on the JVM,
 * where the condition itself decided.
 * <p>
 * Stops the start when {@code sendpulse.sandbox.enabled} is true but the application has
 * no sandbox to use (its jar is missing, or AOT processed the application without it):
 * the calls would go to SendPulse.
 */
final class RuntimeApiKeyCheck implements BeanFactoryPostProcessor {

	private static final Log logger = LogFactory.getLog(RuntimeApiKeyCheck.class);

	private static final String SANDBOX_ENABLED = "sendpulse.sandbox.enabled";

	private static final String SANDBOX = "io.sendpulse.spring.test.SendPulseSandbox";

	private final Environment environment;

	private final Set<String> guardedConfigurations;

	private final String sandboxType;

	RuntimeApiKeyCheck(Environment environment, Class<?>... guardedConfigurations) {
		this(environment, SANDBOX, guardedConfigurations);
	}

	RuntimeApiKeyCheck(Environment environment, String sandboxType, Class<?>... guardedConfigurations) {
		this.environment = environment;
		this.sandboxType = sandboxType;
		this.guardedConfigurations = Set.copyOf(Arrays.stream(guardedConfigurations).map(Class::getName).toList());
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
		if (sandboxRequested()) {
			// Without the sandbox, the calls would go to SendPulse: the one thing the
			// property is set to prevent.
			if (!ClassUtils.isPresent(this.sandboxType, beanFactory.getBeanClassLoader())) {
				throw new InvalidSendPulsePropertyException(SANDBOX_ENABLED, SANDBOX_ENABLED
						+ " is true, but the sandbox (sendpulse-spring-boot-test) is not on the class path: the "
						+ "calls would go to the real SendPulse API. Add it as a runtime dependency, or remove "
						+ "the property");
			}
			if (AotDetector.useGeneratedArtifacts() && !hasSandbox(beanFactory)) {
				throw new InvalidSendPulsePropertyException(SANDBOX_ENABLED, SANDBOX_ENABLED + " is true, but "
						+ "this application was AOT-processed without it: it has no sandbox and would send to the "
						+ "real SendPulse API. AOT-process it with " + SANDBOX_ENABLED + "=true, or remove the "
						+ "property");
			}
		}
		if (!AotDetector.useGeneratedArtifacts() || !(beanFactory instanceof BeanDefinitionRegistry registry)) {
			return;
		}
		List<String> guarded = guardedBeans(beanFactory);
		if (guarded.isEmpty() || OnApiKeyCondition.isSet(this.environment)
				|| hasOtherConnectionDetails(beanFactory, guarded)) {
			return;
		}
		logger.debug("No " + OnApiKeyCondition.PROPERTY + " at run time: the SendPulse templates are not created");
		guarded.forEach(registry::removeBeanDefinition);
	}

	private boolean sandboxRequested() {
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

	private List<String> guardedBeans(ConfigurableListableBeanFactory beanFactory) {
		List<String> guarded = new ArrayList<>();
		for (String name : beanFactory.getBeanDefinitionNames()) {
			String factoryBean = beanFactory.getBeanDefinition(name).getFactoryBeanName();
			if (this.guardedConfigurations.contains(name)
					|| (factoryBean != null && this.guardedConfigurations.contains(factoryBean))) {
				guarded.add(name);
			}
		}
		return guarded;
	}

	private boolean hasOtherConnectionDetails(ConfigurableListableBeanFactory beanFactory, List<String> guarded) {
		return Arrays.stream(beanFactory.getBeanNamesForType(SendPulseConnectionDetails.class, true, false))
			.anyMatch((name) -> !guarded.contains(name));
	}

}
