package io.sendpulse.spring.autoconfigure.actuate;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.util.function.SingletonSupplier;

/**
 * Hides {@code sendpulse.api-key}, {@code sendpulse.webhook.secret},
 * {@code sendpulse.webhook.additional-secrets} and {@code sendpulse.proxy.password}, the
 * same of every further account ({@code sendpulse.accounts.eu.api-key}, ...) and of the
 * sandbox ({@code sendpulse.sandbox.webhook-secret},
 * {@code sendpulse.sandbox.additional-accounts[0].api-key}, ...), whatever form their key
 * takes: the canonical name, an indexed element ({@code additional-secrets[0]}), camel
 * case, or an environment variable ({@code SENDPULSE_ACCOUNTS_EU_WEBHOOK_SECRET}). Hides
 * too what their values name in placeholders: with
 * {@code sendpulse.accounts.eu.api-key=${EU_KEY}}, the variable {@code EU_KEY} holds the
 * key (read once, at the first property shown).
 */
final class SendPulseSecretsSanitizingFunction implements SanitizingFunction {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)");

	// Keys compared with everything but letters and digits left out, in lower case. An
	// account's name is letters, digits, '-' and '_'.
	private static final Pattern SECRET_KEY = Pattern
		.compile("sendpulse(accounts[a-z0-9]+|sandbox(additionalaccounts\\d*)?)?"
				+ "(apikey|webhooksecret|webhookadditionalsecrets\\d*)|sendpulseproxypassword");

	private final SingletonSupplier<Set<String>> referenced;

	SendPulseSecretsSanitizingFunction(Environment environment) {
		this.referenced = SingletonSupplier.of(() -> referencedBySecrets(environment));
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		String key = data.getKey();
		return (isSecret(key) || this.referenced.obtain().contains(compact(key))) ? data.withSanitizedValue() : data;
	}

	static boolean isSecret(String key) {
		return SECRET_KEY.matcher(compact(key)).matches();
	}

	private static String compact(String key) {
		return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

	/**
	 * The names the secrets' values refer to, as written in each property source (before
	 * placeholders are resolved).
	 */
	private static Set<String> referencedBySecrets(Environment environment) {
		Set<String> names = new HashSet<>();
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return names;
		}
		for (PropertySource<?> source : configurable.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					if (isSecret(name) && enumerable.getProperty(name) instanceof CharSequence value) {
						Matcher placeholder = PLACEHOLDER.matcher(value);
						while (placeholder.find()) {
							names.add(compact(placeholder.group(1)));
						}
					}
				}
			}
		}
		return names;
	}

}
