package io.sendpulse.spring.test;

import io.sendpulse.spring.autoconfigure.SendPulseAutoConfiguration;
import io.sendpulse.spring.autoconfigure.SendPulseConnectionDetails;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.AotDetector;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.Assert;
import org.springframework.util.PlaceholderResolutionException;
import org.springframework.util.StringUtils;

/**
 * Auto-configuration of the SendPulse sandbox, when
 * {@code sendpulse.sandbox.enabled=true} (which
 * {@link AutoConfigureSendPulseSandbox @AutoConfigureSendPulseSandbox} sets): starts a
 * {@link SendPulseSandbox} on loopback and defines the {@link SendPulseConnectionDetails}
 * that point the templates at it, replacing {@code sendpulse.api-key} (with a warning
 * when one is set). Never active otherwise.
 */
@AutoConfiguration(before = SendPulseAutoConfiguration.class)
@ConditionalOnBooleanProperty("sendpulse.sandbox.enabled")
@EnableConfigurationProperties(SendPulseSandboxProperties.class)
public final class SendPulseSandboxAutoConfiguration {

	static final String API_KEY = "sendpulse.api-key";

	private static final Log logger = LogFactory.getLog(SendPulseSandboxAutoConfiguration.class);

	@Bean(destroyMethod = "stop")
	@ConditionalOnMissingBean
	SendPulseSandbox sendPulseSandbox(SendPulseSandboxProperties properties, Environment environment,
			ListableBeanFactory beanFactory) {
		if (AotDetector.useGeneratedArtifacts()
				&& !"true".equalsIgnoreCase(resolvedProperty(environment, "sendpulse.sandbox.enabled"))) {
			// Processing decided it: started anyway, it would answer every call and no
			// message would reach a phone.
			throw new IllegalStateException("This application was "
					+ "AOT-processed with sendpulse.sandbox.enabled=true, which decides it: its SendPulse sandbox would "
					+ "replace the API although the property is not true now. AOT-process the application without it "
					+ "to use the real API");
		}
		if (StringUtils.hasText(resolvedProperty(environment, API_KEY))) {
			logger.warn("sendpulse.sandbox.enabled=true: the SendPulse sandbox on loopback replaces " + API_KEY
					+ ", so nothing is sent to SendPulse and no message reaches a phone. Set sendpulse.sandbox.enabled"
					+ "=false (or remove it) to use the real API");
		}
		SandboxWebhookSecret webhookSecret = new SandboxWebhookSecret(properties, environment);
		webhookSecret.warnIfNotAccepted();
		SendPulseSandbox.Builder builder = SendPulseSandbox.builder()
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
			.webhookSecret(webhookSecret)
			.webhookUrlByApiKey(new ApplicationWebhookTarget(properties.getWebhookUrl(), environment, beanFactory));
		for (SendPulseSandboxProperties.Account account : properties.getAdditionalAccounts()) {
			String apiKey = account.getApiKey();
			Assert.state(StringUtils.hasText(apiKey), "Each of sendpulse.sandbox.additional-accounts needs an api-key");
			builder.additionalAccount(apiKey, account.getBalance(), account.getRateLimit(), account.getWebhookSecret());
		}
		return builder.build().start();
	}

	/**
	 * A property's value, or {@code null} when it is a placeholder that cannot be
	 * resolved, as {@code ${SENDPULSE_API_KEY}} in a test run without that variable: the
	 * sandbox replaces it anyway.
	 */
	static @Nullable String resolvedProperty(PropertyResolver environment, String name) {
		try {
			return environment.getProperty(name);
		}
		catch (PlaceholderResolutionException ex) {
			return null;
		}
	}

	@Bean
	@ConditionalOnMissingBean
	SendPulseConnectionDetails sendPulseConnectionDetails(SendPulseSandbox sendPulseSandbox) {
		return new SandboxConnectionDetails(sendPulseSandbox);
	}

}
