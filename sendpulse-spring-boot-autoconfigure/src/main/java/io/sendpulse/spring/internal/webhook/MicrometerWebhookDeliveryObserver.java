package io.sendpulse.spring.internal.webhook;

import java.util.Locale;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * One Micrometer observation per delivery, {@code sendpulse.webhook.deliveries}, with
 * three low-cardinality keys: {@code event.family}, {@code outcome} and {@code account}
 * (the endpoint's account, {@code default} for the top-level one). Loaded only when
 * Micrometer is.
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
		Observation observation = Observation.start(NAME, this.registry);
		return (eventFamily, outcome) -> observation.lowCardinalityKeyValue("event.family", eventFamily)
			.lowCardinalityKeyValue("outcome", outcome.name().toLowerCase(Locale.ROOT))
			.lowCardinalityKeyValue("account", this.account)
			.stop();
	}

}
