package io.sendpulse.spring.internal.webhook;

import java.util.Locale;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * One Micrometer observation per delivery, {@code sendpulse.webhook.deliveries}, with
 * three low-cardinality keys: {@code event.family}, {@code outcome} and {@code account}
 * (the endpoint's account, {@code default} for the top-level one), and, when a listener
 * threw, the exception as the observation's error (Micrometer's timers tag its class as
 * {@code error}). Loaded only when Micrometer is.
 */
public final class MicrometerWebhookDeliveryObserver implements WebhookDeliveryObserver {

	/** The observation's name, and so its timer's. */
	public static final String NAME = "sendpulse.webhook.deliveries";

	private final ObservationRegistry registry;

	private final String account;

	public MicrometerWebhookDeliveryObserver(ObservationRegistry registry) {
		this(registry, "default");
	}

	public MicrometerWebhookDeliveryObserver(ObservationRegistry registry, String account) {
		this.registry = registry;
		this.account = account;
	}

	@Override
	public WebhookDeliveryObserver forAccount(String account) {
		return new MicrometerWebhookDeliveryObserver(this.registry, account);
	}

	@Override
	public Observed start() {
		// The account is known before the delivery is read: the in-flight (.active)
		// timer takes the keys set at the start.
		Observation observation = Observation.createNotStarted(NAME, this.registry)
			.lowCardinalityKeyValue("account", this.account)
			.start();
		return (eventFamily, outcome, failure) -> {
			if (failure != null) {
				observation.error(failure);
			}
			observation.lowCardinalityKeyValue("event.family", eventFamily)
				.lowCardinalityKeyValue("outcome", outcome.name().toLowerCase(Locale.ROOT))
				.stop();
		};
	}

}
