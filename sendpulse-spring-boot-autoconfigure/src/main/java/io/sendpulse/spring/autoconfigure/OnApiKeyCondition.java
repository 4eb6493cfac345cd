package io.sendpulse.spring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when the API can be reached: {@code sendpulse.api-key} has text (an empty
 * placeholder such as {@code ${SENDPULSE_API_KEY:}} does not count), or an
 * auto-configuration that runs before ours defined {@link SendPulseConnectionDetails}
 * (the sandbox does).
 */
class OnApiKeyCondition extends SpringBootCondition implements ConfigurationCondition {

	static final String PROPERTY = "sendpulse.api-key";

	// Evaluated when beans are registered, not when classes are parsed: only then are the
	// bean definitions of the auto-configurations that run before ours (the sandbox's)
	// visible.
	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		if (StringUtils.hasText(context.getEnvironment().getProperty(PROPERTY))) {
			return ConditionOutcome.match(PROPERTY + " is set");
		}
		if (context.getBeanFactory() != null && context.getBeanFactory()
			.getBeanNamesForType(SendPulseConnectionDetails.class, true, false).length > 0) {
			return ConditionOutcome.match("SendPulseConnectionDetails bean found");
		}
		return ConditionOutcome.noMatch(PROPERTY + " is not set and there is no SendPulseConnectionDetails bean");
	}

}
