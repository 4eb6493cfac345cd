package io.sendpulse.spring.autoconfigure.webhook;

import io.sendpulse.spring.webhook.SendPulseWebhook;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when the application declares at least one {@link SendPulseWebhook} endpoint.
 * Evaluated when beans are registered, like {@code @ConditionalOnBean}, so that annotated
 * classes that are imported, and not only scanned, are seen.
 */
class OnSendPulseWebhookCondition extends SpringBootCondition implements ConfigurationCondition {

	@Override
	public ConfigurationPhase getConfigurationPhase() {
		return ConfigurationPhase.REGISTER_BEAN;
	}

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
		if (beanFactory == null || SendPulseWebhookEndpoints.find(beanFactory).isEmpty()) {
			return ConditionOutcome.noMatch("no @SendPulseWebhook bean found");
		}
		return ConditionOutcome.match("@SendPulseWebhook bean found");
	}

}
