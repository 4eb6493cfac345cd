package io.sendpulse.spring.autoconfigure;

import io.sendpulse.spring.internal.InvalidSendPulsePropertyException;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.env.Environment;

/**
 * Stops the start when {@code sendpulse.store} or {@code sendpulse.verify.channel} holds
 * only whitespace. Spring Boot binds such a value of an enum as none, so the default
 * ({@code memory}, {@code sms}) would apply without a word, even with a store that the
 * application meant to share. An empty value still means the default: it is what an unset
 * {@code ${SENDPULSE_STORE:}} gives. Read from the environment as written, before binding
 * loses it, and whether or not an API key is set: the store serves webhook endpoints too.
 */
final class WhitespacePropertyCheck implements BeanFactoryPostProcessor {

	private final Environment environment;

	WhitespacePropertyCheck(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) throws BeansException {
		check(this.environment, "sendpulse.store", "set it to memory or redis, or leave it empty or unset for memory");
		check(this.environment, "sendpulse.verify.channel",
				"set it to " + SendPulseProperties.CHANNELS + ", or leave it empty or unset for sms");
	}

	static void check(Environment environment, String property, String instead) {
		String value;
		try {
			value = environment.getProperty(property);
		}
		catch (IllegalArgumentException ex) {
			// A placeholder that cannot be resolved: binding reports it.
			return;
		}
		InvalidSendPulsePropertyException.notOnlyWhitespace(property, value, instead);
	}

}
