package io.sendpulse.spring.autoconfigure;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aot.AotDetector;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.core.env.Environment;

/**
 * Decides {@link OnApiKeyCondition} again at run time in an AOT-processed application.
 * AOT freezes the bean definitions at build time, where the condition matches on purpose;
 * when at run time there is neither {@code sendpulse.api-key} nor other
 * {@link SendPulseConnectionDetails}, the beans the condition guards are removed, so the
 * application starts as it would on the JVM without a key. Does nothing on the JVM, where
 * the condition itself decided.
 */
final class RuntimeApiKeyCheck implements BeanFactoryPostProcessor {

	private static final Log logger = LogFactory.getLog(RuntimeApiKeyCheck.class);

	private final Environment environment;

	private final Set<String> guardedConfigurations;

	RuntimeApiKeyCheck(Environment environment, Class<?>... guardedConfigurations) {
		this.environment = environment;
		this.guardedConfigurations = Set.copyOf(Arrays.stream(guardedConfigurations).map(Class::getName).toList());
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
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
