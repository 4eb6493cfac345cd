package io.sendpulse.spring.autoconfigure.webhook;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup stopped because a {@code @SendPulseWebhook} endpoint has no secret:
 * without one, no delivery could be verified, so the endpoint fails closed.
 */
class MissingWebhookSecretFailureAnalyzer extends AbstractFailureAnalyzer<MissingWebhookSecretException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingWebhookSecretException cause) {
		String account = cause.getAccount();
		if (account != null) {
			String property = MissingWebhookSecretException.accountProperty(account);
			return new FailureAnalysis(
					"A SendPulse webhook endpoint of account '" + account + "' is declared with @SendPulseWebhook at "
							+ String.join(", ", cause.getPaths()) + ", but neither " + property + " nor "
							+ MissingWebhookSecretException.PROPERTY + " is set, so no delivery could be verified.",
					"Set " + property + " to the webhook secret of that SendPulse account. While rotating it, put "
							+ "the old one in sendpulse.accounts." + account + ".webhook.additional-secrets.",
					cause);
		}
		return new FailureAnalysis(
				"A SendPulse webhook endpoint is declared with @SendPulseWebhook at "
						+ String.join(", ", cause.getPaths()) + ", but " + MissingWebhookSecretException.PROPERTY
						+ " is not set, so no delivery could be verified.",
				"Set " + MissingWebhookSecretException.PROPERTY + " to the webhook secret from your SendPulse "
						+ "account (for example through the SENDPULSE_WEBHOOK_SECRET environment variable). While "
						+ "rotating it, put the old one in sendpulse.webhook.additional-secrets.",
				cause);
	}

}
