package io.sendpulse.spring.autoconfigure;

import java.util.function.Consumer;

import io.sendpulse.spring.sms.SmsTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.SpringProperties;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RuntimeApiKeyCheck}: at run time in an AOT-processed application, the
 * beans the key condition guards go when there is no key, and stay otherwise.
 */
class RuntimeApiKeyCheckTests {

	private static final String CLIENT_CONFIGURATION = SendPulseAutoConfiguration.class.getName()
			+ "$ClientConfiguration";

	@Test
	void removesTheGuardedBeansWhenThereIsNoKeyAtRunTime() {
		runUnderAot(new MockEnvironment(),
				(beanFactory) -> assertThat(beanFactory.getBeanDefinitionNames()).containsExactly("applicationBean"));
	}

	@Test
	void keepsThemWhenTheKeyIsSetAtRunTime() {
		runUnderAot(new MockEnvironment().withProperty("sendpulse.api-key", "sk-live"),
				(beanFactory) -> assertThat(beanFactory.getBeanDefinitionNames()).contains(CLIENT_CONFIGURATION,
						"smsTemplate", "applicationBean"));
	}

	@Test
	void keepsThemWhenSomethingElseProvidesConnectionDetails() {
		DefaultListableBeanFactory beanFactory = beanFactory();
		beanFactory.registerBeanDefinition("sandboxConnectionDetails",
				new RootBeanDefinition(PropertiesSendPulseConnectionDetails.class));
		runUnderAot(beanFactory, new MockEnvironment());
		assertThat(beanFactory.getBeanDefinitionNames()).contains("smsTemplate");
	}

	@Test
	void leavesTheJvmsDecisionToTheCondition() {
		DefaultListableBeanFactory beanFactory = beanFactory();
		check(new MockEnvironment()).postProcessBeanFactory(beanFactory);
		assertThat(beanFactory.getBeanDefinitionNames()).contains("smsTemplate");
	}

	@Test
	void removesTheBeansOfNestedConfigurationsTooButNotTheHealth() {
		// As the auto-configuration lists them: a connector factory whose SSL bundle is
		// looked up when it is made would fail a start without a key.
		DefaultListableBeanFactory beanFactory = beanFactory();
		String connectors = SendPulseAutoConfiguration.class.getName()
				+ "$ClientConfiguration$BootConnectorConfiguration";
		beanFactory.registerBeanDefinition(connectors, new RootBeanDefinition(Object.class));
		RootBeanDefinition connectorFactory = new RootBeanDefinition(Object.class);
		connectorFactory.setFactoryBeanName(connectors);
		beanFactory.registerBeanDefinition("sendPulseConnectorFactory", connectorFactory);
		String health = SendPulseAutoConfiguration.class.getName() + "$HealthConfiguration";
		beanFactory.registerBeanDefinition(health, new RootBeanDefinition(Object.class));
		RootBeanDefinition indicator = new RootBeanDefinition(Object.class);
		indicator.setFactoryBeanName(health);
		beanFactory.registerBeanDefinition("sendpulseHealthContributor", indicator);
		runUnderAot(beanFactory, SendPulseAutoConfiguration.sendPulseRuntimeApiKeyCheck(new MockEnvironment()));
		// Without a key, the health reports the webhook delivery store, or is no bean.
		assertThat(beanFactory.getBeanDefinitionNames()).containsExactlyInAnyOrder("applicationBean", health,
				"sendpulseHealthContributor");
	}

	private void runUnderAot(MockEnvironment environment, Consumer<DefaultListableBeanFactory> assertions) {
		DefaultListableBeanFactory beanFactory = beanFactory();
		runUnderAot(beanFactory, environment);
		assertions.accept(beanFactory);
	}

	private void runUnderAot(DefaultListableBeanFactory beanFactory, MockEnvironment environment) {
		runUnderAot(beanFactory, check(environment));
	}

	private void runUnderAot(DefaultListableBeanFactory beanFactory, RuntimeApiKeyCheck check) {
		SpringProperties.setProperty(AotDetector.AOT_ENABLED, "true");
		try {
			check.postProcessBeanFactory(beanFactory);
		}
		finally {
			SpringProperties.setProperty(AotDetector.AOT_ENABLED, null);
		}
	}

	private static RuntimeApiKeyCheck check(MockEnvironment environment) {
		return new RuntimeApiKeyCheck(environment, SendPulseAutoConfiguration.class.getDeclaredClasses());
	}

	// What AOT generates: the configuration, and its beans made by its factory methods.
	private static DefaultListableBeanFactory beanFactory() {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerBeanDefinition(CLIENT_CONFIGURATION, new RootBeanDefinition(Object.class));
		RootBeanDefinition connectionDetails = new RootBeanDefinition(PropertiesSendPulseConnectionDetails.class);
		connectionDetails.setFactoryBeanName(CLIENT_CONFIGURATION);
		beanFactory.registerBeanDefinition("sendPulseConnectionDetails", connectionDetails);
		RootBeanDefinition template = new RootBeanDefinition(SmsTemplate.class);
		template.setFactoryBeanName(CLIENT_CONFIGURATION);
		beanFactory.registerBeanDefinition("smsTemplate", template);
		beanFactory.registerBeanDefinition("applicationBean", new RootBeanDefinition(String.class));
		return beanFactory;
	}

}
