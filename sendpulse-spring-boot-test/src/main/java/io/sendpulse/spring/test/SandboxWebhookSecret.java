package io.sendpulse.spring.test;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The secret the sandbox signs webhooks with in a Spring application, asked at each
 * event: {@code sendpulse.sandbox.webhook-secret}, else the application's own
 * {@code sendpulse.webhook.secret} only when
 * {@code sendpulse.sandbox.use-application-webhook-secret} allows it (as
 * {@link AutoConfigureSendPulseSandbox @AutoConfigureSendPulseSandbox} does), else none.
 * A sandbox left on in a running application must not become a machine that signs
 * anything with the secret SendPulse signs real webhooks with.
 */
final class SandboxWebhookSecret implements Supplier<@Nullable String> {

	static final String APPLICATION_SECRET = "sendpulse.webhook.secret";

	static final String APPLICATION_ADDITIONAL_SECRETS = "sendpulse.webhook.additional-secrets";

	private static final Log logger = LogFactory.getLog(SandboxWebhookSecret.class);

	private final SendPulseSandboxProperties properties;

	private final Environment environment;

	private final AtomicBoolean warnedRefused = new AtomicBoolean();

	SandboxWebhookSecret(SendPulseSandboxProperties properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public @Nullable String get() {
		String sandbox = this.properties.getWebhookSecret();
		if (StringUtils.hasText(sandbox)) {
			return sandbox.strip();
		}
		String application = SendPulseSandboxAutoConfiguration.resolvedProperty(this.environment, APPLICATION_SECRET);
		if (!StringUtils.hasText(application)) {
			return null;
		}
		if (this.properties.isUseApplicationWebhookSecret()) {
			return application.strip();
		}
		if (this.warnedRefused.compareAndSet(false, true)) {
			logger.warn("The SendPulse sandbox posts no webhooks: it does not sign with " + APPLICATION_SECRET
					+ ", which may be the secret SendPulse signs real webhooks with. Set sendpulse.sandbox.webhook-secret"
					+ " to a secret for the sandbox only (and accept it in " + APPLICATION_SECRET + " or "
					+ APPLICATION_ADDITIONAL_SECRETS
					+ "), or set sendpulse.sandbox.use-application-webhook-secret=true");
		}
		return null;
	}

	/**
	 * Warn when the sandbox signs with a secret the application's endpoint does not
	 * accept: every webhook would be answered 401.
	 */
	void warnIfNotAccepted() {
		String sandbox = this.properties.getWebhookSecret();
		String application = SendPulseSandboxAutoConfiguration.resolvedProperty(this.environment, APPLICATION_SECRET);
		if (!StringUtils.hasText(sandbox) || !StringUtils.hasText(application)) {
			return;
		}
		List<String> accepted = Binder.get(this.environment)
			.bind(APPLICATION_ADDITIONAL_SECRETS, Bindable.listOf(String.class))
			.orElse(List.of());
		String signing = sandbox.strip();
		if (!signing.equals(application.strip()) && accepted.stream().map(String::strip).noneMatch(signing::equals)) {
			logger.warn("The SendPulse sandbox signs its webhooks with sendpulse.sandbox.webhook-secret, which is "
					+ "neither " + APPLICATION_SECRET + " nor one of " + APPLICATION_ADDITIONAL_SECRETS
					+ ": the application's endpoint will refuse them (401)");
		}
	}

}
