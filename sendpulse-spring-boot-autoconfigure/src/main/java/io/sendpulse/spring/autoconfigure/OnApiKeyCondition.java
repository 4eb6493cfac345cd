package io.sendpulse.spring.autoconfigure;

import io.sendpulse.spring.internal.InvalidSendPulsePropertyException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.PlaceholderResolutionException;
import org.springframework.util.StringUtils;

/**
 * Matches when the API can be reached: {@code sendpulse.api-key} has text (an empty
 * placeholder such as {@code ${SENDPULSE_API_KEY:}} does not count, nor does one that
 * cannot be resolved, such as {@code ${SENDPULSE_API_KEY}} without that variable), or an
 * auto-configuration that runs before ours defined {@link SendPulseConnectionDetails}
 * (the sandbox does).
 * <p>
 * Under AOT processing the outcome would be frozen at build time, when the key usually is
 * not there yet: the condition then matches, and {@link RuntimeApiKeyCheck} takes the
 * beans away again at run time when there is no key.
 */
class OnApiKeyCondition extends SpringBootCondition implements ConfigurationCondition {

	static final String PROPERTY = "sendpulse.api-key";

	// Set by Spring Framework's AbstractAotProcessor while it processes an application.
	private static final String AOT_PROCESSING = "spring.aot.processing";

	// Evaluated when beans are registered, not when classes are parsed: only then are the
	// bean definitions of the auto-configurations that run before ours (the sandbox's)
	// visible.
	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		if (Boolean.getBoolean(AOT_PROCESSING)) {
			return ConditionOutcome.match("AOT processing: " + PROPERTY + " is checked at run time");
		}
		return matchesNow(context.getEnvironment(), context.getBeanFactory());
	}

	static ConditionOutcome matchesNow(Environment environment, @Nullable ConfigurableListableBeanFactory beanFactory) {
		if (isSet(environment)) {
			return ConditionOutcome.match(PROPERTY + " is set");
		}
		if (beanFactory != null
				&& beanFactory.getBeanNamesForType(SendPulseConnectionDetails.class, true, false).length > 0) {
			return ConditionOutcome.match("SendPulseConnectionDetails bean found");
		}
		return ConditionOutcome
			.noMatch(PROPERTY
					+ (isUnresolvable(environment)
							? " is a placeholder that cannot be resolved" + placeholder(environment) : " is not set")
					+ " and there is no SendPulseConnectionDetails bean");
	}

	/**
	 * Whether {@code sendpulse.api-key} has text. A placeholder that cannot be resolved
	 * counts as no key, as an empty one does: a test on the sandbox, or an application
	 * without the variable, then starts as it would without the property, instead of
	 * failing on the placeholder while conditions are evaluated.
	 */
	static boolean isSet(PropertyResolver environment) {
		try {
			return StringUtils.hasText(environment.getProperty(PROPERTY));
		}
		catch (PlaceholderResolutionException ex) {
			return false;
		}
	}

	/**
	 * The placeholder {@code sendpulse.api-key} holds, as {@code ",
	 * ${SENDPULSE_API_KEY}"} to append to a message, or {@code ""}: the value as bound,
	 * which keeps a placeholder that cannot be resolved as written.
	 */
	static String placeholder(Environment environment) {
		String bound = Binder.get(environment).bind(PROPERTY, String.class).orElse(null);
		String placeholder = (bound != null) ? InvalidSendPulsePropertyException.placeholderIn(bound) : null;
		return (placeholder != null) ? ", " + placeholder : "";
	}

	/**
	 * Whether {@code sendpulse.api-key} is a placeholder that cannot be resolved.
	 */
	static boolean isUnresolvable(PropertyResolver environment) {
		try {
			environment.getProperty(PROPERTY);
			return false;
		}
		catch (PlaceholderResolutionException ex) {
			return true;
		}
	}

}
