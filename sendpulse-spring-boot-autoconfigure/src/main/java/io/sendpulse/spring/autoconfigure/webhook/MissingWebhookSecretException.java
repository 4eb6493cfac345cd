package io.sendpulse.spring.autoconfigure.webhook;

import java.util.List;

/**
 * A webhook endpoint is declared but there is no secret to verify its deliveries with.
 */
class MissingWebhookSecretException extends IllegalStateException {

	static final String PROPERTY = "sendpulse.webhook.secret";

	private final List<String> paths;

	MissingWebhookSecretException(List<String> paths) {
		super("@SendPulseWebhook endpoint " + paths + " needs " + PROPERTY + ", which is not set");
		this.paths = paths;
	}

	List<String> getPaths() {
		return this.paths;
	}

}
