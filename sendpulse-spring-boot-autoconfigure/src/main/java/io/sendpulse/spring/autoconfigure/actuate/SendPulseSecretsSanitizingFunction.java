package io.sendpulse.spring.autoconfigure.actuate;

import java.time.Duration;
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

/**
 * Hides {@code sendpulse.api-key}, {@code sendpulse.webhook.secret},
 * {@code sendpulse.webhook.additional-secrets} and {@code sendpulse.proxy.password}, the
 * same of every further account ({@code sendpulse.accounts.eu.api-key}, ...) and of the
 * sandbox ({@code sendpulse.sandbox.webhook-secret},
 * {@code sendpulse.sandbox.additional-accounts[0].api-key}, ...), whatever form their key
 * takes: the canonical name, an indexed element ({@code additional-secrets[0]}), camel
 * case, or an environment variable ({@code SENDPULSE_ACCOUNTS_EU_WEBHOOK_SECRET}). Hides
 * too what their values name in placeholders, and what those name in turn: with
 * {@code sendpulse.accounts.eu.api-key=${EU_KEY}}, the variable {@code EU_KEY} holds the
 * key. The placeholders are read again when a second has passed since, so that a
 * refreshed configuration is seen.
 */
final class SendPulseSecretsSanitizingFunction implements SanitizingFunction {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)");

	// Keys compared with everything but letters and digits left out, in lower case. An
	// account's name is letters, digits, '-' and '_'.
	private static final Pattern SECRET_KEY = Pattern
		.compile("sendpulse(accounts[a-z0-9]+|sandbox(additionalaccounts\\d*)?)?"
				+ "(apikey|webhooksecret|webhookadditionalsecrets\\d*)|sendpulseproxypassword");

	private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^a-z0-9]");

	private static final long REREAD_NANOS = Duration.ofSeconds(1).toNanos();

	private final Environment environment;

	private volatile Referenced referenced = new Referenced(Set.of(), System.nanoTime() - REREAD_NANOS);

	SendPulseSecretsSanitizingFunction(Environment environment) {
		this.environment = environment;
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		String key = compact(data.getKey());
		return (SECRET_KEY.matcher(key).matches() || referenced().contains(key)) ? data.withSanitizedValue() : data;
	}

	private Set<String> referenced() {
		Referenced last = this.referenced;
		long now = System.nanoTime();
		if (now - last.readAt() < REREAD_NANOS) {
			return last.names();
		}
		Referenced read = new Referenced(referencedBySecrets(this.environment), now);
		this.referenced = read;
		return read.names();
	}

	static boolean isSecret(String key) {
		return SECRET_KEY.matcher(compact(key)).matches();
	}

	private static String compact(String key) {
		return NOT_LETTER_OR_DIGIT.matcher(key.toLowerCase(Locale.ROOT)).replaceAll("");
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
		// Until no property names another: a secret's ${app.key} may itself be
		// ${VAULT_KEY}.
		boolean more = true;
		while (more) {
			more = false;
			for (PropertySource<?> source : configurable.getPropertySources()) {
				if (source instanceof EnumerablePropertySource<?> enumerable) {
					for (String name : enumerable.getPropertyNames()) {
						String key = compact(name);
						if ((SECRET_KEY.matcher(key).matches() || names.contains(key))
								&& enumerable.getProperty(name) instanceof CharSequence value) {
							Matcher placeholder = PLACEHOLDER.matcher(value);
							while (placeholder.find()) {
								more |= names.add(compact(placeholder.group(1)));
							}
						}
					}
				}
			}
		}
		return Set.copyOf(names);
	}

	private record Referenced(Set<String> names, long readAt) {
	}

}
