package io.sendpulse.spring.autoconfigure.webhook;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A webhook endpoint is declared but there is no secret to verify its deliveries with.
 */
class MissingWebhookSecretException extends IllegalStateException {

	static final String PROPERTY = "sendpulse.webhook.secret";

	private final List<String> paths;

	private final @Nullable String account;

	MissingWebhookSecretException(List<String> paths) {
		super("@SendPulseWebhook endpoint " + paths + " needs " + PROPERTY + ", which is not set");
		this.paths = paths;
		this.account = null;
	}

	MissingWebhookSecretException(List<String> paths, String account) {
		super("@SendPulseWebhook endpoint " + paths + " of account '" + account + "' needs " + accountProperty(account)
				+ " (or " + PROPERTY + "), neither of which is set");
		this.paths = paths;
		this.account = account;
	}

	static String accountProperty(String account) {
		return "sendpulse.accounts." + account + ".webhook.secret";
	}

	/**
	 * Return the further account whose endpoints have no secret.
	 * @return its name, or {@code null} for the top-level account
	 */
	@Nullable String getAccount() {
		return this.account;
	}

	List<String> getPaths() {
		return this.paths;
	}

}
