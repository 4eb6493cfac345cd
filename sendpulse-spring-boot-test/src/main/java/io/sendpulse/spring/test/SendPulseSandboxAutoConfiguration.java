package io.sendpulse.spring.test;

import io.sendpulse.spring.autoconfigure.SendPulseAutoConfiguration;
import io.sendpulse.spring.autoconfigure.SendPulseConnectionDetails;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the SendPulse sandbox, when
 * {@code sendpulse.sandbox.enabled=true} (which
 * {@link AutoConfigureSendPulseSandbox @AutoConfigureSendPulseSandbox} sets): starts a
 * {@link SendPulseSandbox} on loopback and defines the {@link SendPulseConnectionDetails}
 * that point the templates at it. Never active otherwise.
 */
@AutoConfiguration(before = SendPulseAutoConfiguration.class)
@ConditionalOnBooleanProperty("sendpulse.sandbox.enabled")
@EnableConfigurationProperties(SendPulseSandboxProperties.class)
public final class SendPulseSandboxAutoConfiguration {

	static final String WEBHOOK_SECRET = "sendpulse.webhook.secret";

	@Bean(destroyMethod = "stop")
	@ConditionalOnMissingBean
	SendPulseSandbox sendPulseSandbox(SendPulseSandboxProperties properties, Environment environment,
			ListableBeanFactory beanFactory) {
		return SendPulseSandbox.builder()
			.apiKey(properties.getApiKey())
			.port(properties.getPort())
			.balance(properties.getBalance())
			.segmentPrice(properties.getSegmentPrice())
			.rateLimit(properties.getRateLimit())
			.stepDelay(properties.getStepDelay())
			.autoAdvance(properties.isAutoAdvance())
			.verificationAttempts(properties.getVerificationAttempts())
			.webhookAttempts(properties.getWebhookAttempts())
			.webhookBackoff(properties.getWebhookBackoff())
			// Both asked at each event: the secret may come late, the port only once the
			// server runs.
			.webhookSecret(() -> environment.getProperty(WEBHOOK_SECRET))
			.webhookUrl(new ApplicationWebhookTarget(properties.getWebhookUrl(), environment, beanFactory))
			.build()
			.start();
	}

	@Bean
	@ConditionalOnMissingBean
	SendPulseConnectionDetails sendPulseConnectionDetails(SendPulseSandbox sendPulseSandbox) {
		return new SandboxConnectionDetails(sendPulseSandbox);
	}

}
