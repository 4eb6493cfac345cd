package io.sendpulse.spring.autoconfigure.webhook;

import io.sendpulse.spring.autoconfigure.SendPulseAutoConfiguration;
import io.sendpulse.spring.internal.InvalidSendPulsePropertyException;
import io.sendpulse.spring.webhook.SendPulseWebhook;
import io.sendpulse.spring.webhook.WebhookSignatureVerifier;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What startup checks about the endpoints of further accounts.
 */
class AccountWebhookAutoConfigurationTests {

	private final WebApplicationContextRunner servlet = new WebApplicationContextRunner().withConfiguration(
			AutoConfigurations.of(SendPulseAutoConfiguration.class, SendPulseWebhookAutoConfiguration.class));

	@Test
	void stopsStartupWhenAnAccountsEndpointHasNoSecretNamingTheAccount() {
		this.servlet.withUserConfiguration(EuReceipts.class)
			.withPropertyValues("sendpulse.accounts.eu.api-key=eu-key")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(MissingWebhookSecretException.class)
					.hasMessageContaining("'eu'")
					.hasMessageContaining("sendpulse.accounts.eu.webhook.secret");
				FailureAnalysis analysis = new MissingWebhookSecretFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("/webhooks/eu").contains("'eu'");
				assertThat(analysis.getAction()).contains("Set sendpulse.accounts.eu.webhook.secret");
			});
	}

	@Test
	void stopsStartupWhenAnAccountsSecretIsAPlaceholderThatCannotBeResolved() {
		this.servlet.withUserConfiguration(EuReceipts.class)
			.withPropertyValues("sendpulse.accounts.eu.api-key=eu-key",
					"sendpulse.accounts.eu.webhook.secret=${SENDPULSE_TEST_UNSET_VARIABLE}")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.isInstanceOf(InvalidSendPulsePropertyException.class)
					.hasMessageStartingWith(
							"sendpulse.accounts.eu.webhook.secret holds a placeholder that could not be resolved");
			});
	}

	@Test
	void stopsStartupWhenAnEndpointNamesNoConfiguredAccount() {
		this.servlet.withUserConfiguration(EuReceipts.class)
			.withPropertyValues("sendpulse.webhook.secret=whsec_default", "sendpulse.accounts.us.api-key=us-key")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause()
					.hasMessageContaining("account = \"eu\"")
					.hasMessageContaining("[default, us]")
					.hasMessageContaining(EuReceipts.class.getName());
			});
	}

	@Test
	void needsNoTopLevelSecretWhenEveryEndpointsAccountHasItsOwn() {
		this.servlet.withUserConfiguration(EuReceipts.class)
			.withPropertyValues("sendpulse.accounts.eu.api-key=eu-key", "sendpulse.accounts.eu.webhook.secret=whsec_eu")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeanProvider(WebhookSignatureVerifier.class).getIfAvailable()).isNull();
				assertThat(context.getBean(WebhookProcessors.class).byPath()).containsOnlyKeys("/webhooks/eu");
			});
	}

	@Test
	void keepsTheSingleAccountBeansOfAnApplicationWithoutAccounts() {
		this.servlet.withUserConfiguration(DefaultReceipts.class)
			.withPropertyValues("sendpulse.webhook.secret=whsec_default")
			.run((context) -> {
				assertThat(context).hasSingleBean(WebhookSignatureVerifier.class);
				assertThat(context.getBean(WebhookProcessors.class).byPath().get("/webhooks/sendpulse"))
					.isSameAs(context.getBean("webhookProcessor"));
			});
	}

	@SendPulseWebhook(value = "/webhooks/eu", account = "eu")
	static class EuReceipts {

	}

	@SendPulseWebhook("/webhooks/sendpulse")
	static class DefaultReceipts {

	}

}
