package io.sendpulse.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

/**
 * Explains a missing SendPulse template: it is there only when {@code sendpulse.api-key}
 * is set. Ordered before Boot's generic analysis of a missing bean.
 */
class MissingApiKeyFailureAnalyzer extends AbstractFailureAnalyzer<NoSuchBeanDefinitionException> implements Ordered {

	private final Environment environment;

	MissingApiKeyFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause) {
		Class<?> type = cause.getBeanType();
		if (type == null || !type.getName().startsWith("io.sendpulse.spring.")
				|| OnApiKeyCondition.isSet(this.environment)) {
			return null;
		}
		String found = OnApiKeyCondition.isUnresolvable(this.environment)
				? "it is a placeholder that cannot be resolved" + OnApiKeyCondition.placeholder(this.environment)
						+ " (is the environment variable it names set?)"
				: "it is not";
		return new FailureAnalysis(
				"A component needs a " + type.getSimpleName() + ", but the SendPulse templates are only created when "
						+ OnApiKeyCondition.PROPERTY + " is set, and " + found + ".",
				"Set " + OnApiKeyCondition.PROPERTY + " (for example through the SENDPULSE_API_KEY environment "
						+ "variable), or set sendpulse.sandbox.enabled=true to run against the local sandbox "
						+ "(sendpulse-spring-boot-test).",
				cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
