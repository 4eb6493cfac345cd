package io.sendpulse.spring.autoconfigure.actuate;

import java.util.Locale;
import java.util.regex.Pattern;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * Hides {@code sendpulse.api-key}, {@code sendpulse.webhook.secret},
 * {@code sendpulse.webhook.additional-secrets} and {@code sendpulse.proxy.password}, the
 * same of every further account ({@code sendpulse.accounts.eu.api-key}, ...) and of the
 * sandbox ({@code sendpulse.sandbox.webhook-secret},
 * {@code sendpulse.sandbox.additional-accounts[0].api-key}, ...), whatever form their key
 * takes: the canonical name, an indexed element ({@code additional-secrets[0]}), camel
 * case, or an environment variable ({@code SENDPULSE_ACCOUNTS_EU_WEBHOOK_SECRET}).
 */
final class SendPulseSecretsSanitizingFunction implements SanitizingFunction {

	// Keys compared with everything but letters and digits left out, in lower case. An
	// account's name is letters, digits, '-' and '_'.
	private static final Pattern SECRET_KEY = Pattern
		.compile("sendpulse(accounts[a-z0-9]+|sandbox(additionalaccounts\\d*)?)?"
				+ "(apikey|webhooksecret|webhookadditionalsecrets\\d*)|sendpulseproxypassword");

	@Override
	public SanitizableData apply(SanitizableData data) {
		return isSecret(data.getKey()) ? data.withSanitizedValue() : data;
	}

	static boolean isSecret(String key) {
		String compact = key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
		return SECRET_KEY.matcher(compact).matches();
	}

}
