package io.sendpulse.spring.autoconfigure;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when {@code sendpulse.api-key} has text: an empty placeholder such as
 * {@code ${SENDPULSE_API_KEY:}} does not count.
 */
class OnApiKeyCondition extends SpringBootCondition {

	static final String PROPERTY = "sendpulse.api-key";

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return StringUtils.hasText(context.getEnvironment().getProperty(PROPERTY))
				? ConditionOutcome.match(PROPERTY + " is set") : ConditionOutcome.noMatch(PROPERTY + " is not set");
	}

}
