package io.sendpulse.spring.autoconfigure.actuate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.sendpulse.spring.autoconfigure.SendPulseProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.context.properties.ConfigurationPropertiesReportEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.env.EnvironmentEndpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configprops and env endpoints, set to show values, never show the API key or the
 * webhook secrets.
 */
class SendPulseActuatorAutoConfigurationTests {

	private static final String API_KEY = "sp_live_apikey";

	private static final String SECRET = "whsec_current";

	private static final String ADDITIONAL_SECRET = "whsec_previous";

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SendPulseActuatorAutoConfiguration.class))
		.withUserConfiguration(Endpoints.class)
		.withPropertyValues("sendpulse.api-key=" + API_KEY, "sendpulse.webhook.secret=" + SECRET,
				"sendpulse.webhook.additional-secrets=" + ADDITIONAL_SECRET + ",whsec_older", "sendpulse.sms.from=Acme",
				"sendpulse.accounts.eu.api-key=eu_apikey", "sendpulse.accounts.eu.webhook.secret=eu_secret",
				"sendpulse.accounts.eu.webhook.additional-secrets=eu_previous",
				"sendpulse.accounts.eu.sms.from=EuShop");

	@Test
	void hidesTheApiKeyAndWebhookSecretsInConfigprops() {
		this.contextRunner.run((context) -> {
			Map<String, Object> properties = context.getBean(ConfigurationPropertiesReportEndpoint.class)
				.configurationPropertiesWithPrefix("sendpulse")
				.getContexts()
				.values()
				.iterator()
				.next()
				.getBeans()
				.values()
				.iterator()
				.next()
				.getProperties();
			assertThat(properties).containsEntry("apiKey", "******");
			@SuppressWarnings("unchecked")
			Map<String, Object> webhook = (Map<String, Object>) properties.get("webhook");
			assertThat(webhook).containsEntry("secret", "******");
			assertThat(String.valueOf(webhook.get("additionalSecrets"))).contains("******")
				.doesNotContain(ADDITIONAL_SECRET)
				.doesNotContain("whsec_older");
			// Everything else is shown, as the application asked.
			assertThat(String.valueOf(properties.get("sms"))).contains("Acme");
			assertThat(String.valueOf(properties.get("accounts"))).contains("EuShop");
			assertThat(String.valueOf(properties)).doesNotContain(API_KEY)
				.doesNotContain(SECRET)
				.doesNotContain(ADDITIONAL_SECRET)
				.doesNotContain("eu_apikey")
				.doesNotContain("eu_secret")
				.doesNotContain("eu_previous");
		});
	}

	@Test
	void hidesTheApiKeyAndWebhookSecretsInEnvWhateverFormTheirNamesTake() {
		this.contextRunner.withInitializer((context) -> {
			ConfigurableEnvironment environment = context.getEnvironment();
			environment.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-environment-variables",
						Map.of("SENDPULSE_API_KEY", "env_apikey", "SENDPULSE_WEBHOOK_SECRET", "env_secret",
								"SENDPULSE_WEBHOOK_ADDITIONALSECRETS_0_", "env_previous", "SENDPULSE_SMS_FROM",
								"Acme")));
		}).run((context) -> {
			EnvironmentEndpoint endpoint = context.getBean(EnvironmentEndpoint.class);
			List<String> shown = new ArrayList<>();
			endpoint.environment(null)
				.getPropertySources()
				.forEach((source) -> source.getProperties()
					.forEach((name, value) -> shown.add(name + "=" + value.getValue())));
			assertThat(shown).contains("sendpulse.api-key=******", "sendpulse.webhook.secret=******",
					"SENDPULSE_API_KEY=******", "SENDPULSE_WEBHOOK_SECRET=******",
					"SENDPULSE_WEBHOOK_ADDITIONALSECRETS_0_=******", "SENDPULSE_SMS_FROM=Acme");
			assertThat(String.join("\n", shown)).doesNotContain(API_KEY)
				.doesNotContain(SECRET)
				.doesNotContain(ADDITIONAL_SECRET)
				.doesNotContain("whsec_older")
				.doesNotContain("env_apikey")
				.doesNotContain("env_secret")
				.doesNotContain("env_previous");
			assertThat(endpoint.environmentEntry("sendpulse.webhook.secret").getProperty().getValue())
				.isEqualTo("******");
		});
	}

	@Test
	void hidesTheVariablesTheSecretsNameInPlaceholders() {
		// As README's examples write them: the account's key and secret, and the proxy's
		// password, each from a variable of the deployment's choosing.
		this.contextRunner
			.withPropertyValues("sendpulse.accounts.eu.api-key=${SENDPULSE_EU_API_KEY}",
					"sendpulse.accounts.eu.webhook.secret=${SENDPULSE_EU_WEBHOOK_SECRET:}",
					"sendpulse.proxy.host=proxy.internal", "sendpulse.proxy.password=${PROXY_PASSWORD}",
					"sendpulse.webhook.additional-secrets[0]=${shop.previous-secret}",
					"shop.previous-secret=${VAULT_PREVIOUS_SECRET}")
			.withInitializer((context) -> context.getEnvironment()
				.getPropertySources()
				.addFirst(new SystemEnvironmentPropertySource("test-environment-variables",
						Map.of("SENDPULSE_EU_API_KEY", "eu_apikey", "SENDPULSE_EU_WEBHOOK_SECRET", "eu_secret",
								"PROXY_PASSWORD", "proxy_pass", "VAULT_PREVIOUS_SECRET", "vault_previous", "HOSTNAME",
								"shop-1"))))
			.run((context) -> {
				List<String> shown = new ArrayList<>();
				context.getBean(EnvironmentEndpoint.class)
					.environment(null)
					.getPropertySources()
					.forEach((source) -> source.getProperties()
						.forEach((name, value) -> shown.add(name + "=" + value.getValue())));
				assertThat(shown).contains("SENDPULSE_EU_API_KEY=******", "SENDPULSE_EU_WEBHOOK_SECRET=******",
						"PROXY_PASSWORD=******", "shop.previous-secret=******", "VAULT_PREVIOUS_SECRET=******",
						"HOSTNAME=shop-1");
				assertThat(String.join("\n", shown)).doesNotContain("eu_apikey")
					.doesNotContain("eu_secret")
					.doesNotContain("proxy_pass")
					.doesNotContain("vault_previous");
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "sendpulse.api-key", "sendpulse.apiKey", "SENDPULSE_APIKEY", "sendpulse.webhook.secret",
			"sendpulse.webhook.additional-secrets[1]", "sendpulse.accounts.eu.api-key", "sendpulse.accounts.eu.apiKey",
			"sendpulse.accounts.eu-west_2.webhook.secret", "sendpulse.accounts.eu.webhook.additional-secrets[0]",
			"SENDPULSE_ACCOUNTS_EU_WEBHOOK_SECRET", "sendpulse.sandbox.api-key", "sendpulse.sandbox.webhook-secret",
			"sendpulse.sandbox.additional-accounts[0].api-key",
			"sendpulse.sandbox.additional-accounts[0].webhook-secret", "sendpulse.proxy.password",
			"SENDPULSE_PROXY_PASSWORD" })
	void hidesEveryKeyAndSecretOfTheStarter(String key) {
		assertThat(SendPulseSecretsSanitizingFunction.isSecret(key)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "sendpulse.sms.from", "sendpulse.accounts.eu.sms.from", "sendpulse.base-url",
			"sendpulse.sandbox.enabled", "sendpulse.webhook.tolerance", "other.api-key", "sendpulse.accounts.eu",
			"sendpulse.proxy.host", "sendpulse.proxy.username" })
	void showsTheRestAsTheApplicationAsked(String key) {
		assertThat(SendPulseSecretsSanitizingFunction.isSecret(key)).isFalse();
	}

	@Test
	void backsOffWithoutActuator() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SendPulseActuatorAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(SendPulseSecretsSanitizingFunction.class);
			});
	}

	/**
	 * The two endpoints as Actuator's auto-configuration declares them, told to show
	 * values.
	 */
	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SendPulseProperties.class)
	static class Endpoints {

		@Bean
		ConfigurationPropertiesReportEndpoint configurationPropertiesReportEndpoint(
				ObjectProvider<SanitizingFunction> sanitizingFunctions) {
			return new ConfigurationPropertiesReportEndpoint(sanitizingFunctions.orderedStream().toList(), Show.ALWAYS);
		}

		@Bean
		EnvironmentEndpoint environmentEndpoint(Environment environment,
				ObjectProvider<SanitizingFunction> sanitizingFunctions) {
			return new EnvironmentEndpoint(environment, sanitizingFunctions.orderedStream().toList(), Show.ALWAYS);
		}

	}

}
