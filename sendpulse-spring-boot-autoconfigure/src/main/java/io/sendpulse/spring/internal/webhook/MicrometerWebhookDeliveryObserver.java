package io.sendpulse.spring.internal.webhook;

import java.util.Locale;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * One Micrometer observation per delivery, {@code sendpulse.webhook.deliveries}, with two
 * low-cardinality keys: {@code event.family} and {@code outcome}. Loaded only when
 * Micrometer is.
 */
public final class MicrometerWebhookDeliveryObserver implements WebhookDeliveryObserver {

	/** The observation's name, and so its timer's. */
	public static final String NAME = "sendpulse.webhook.deliveries";

	private final ObservationRegistry registry;

	public MicrometerWebhookDeliveryObserver(ObservationRegistry registry) {
		this.registry = registry;
	}

	@Override
	public Observed start() {
		Observation observation = Observation.start(NAME, this.registry);
		return (eventFamily, outcome) -> observation.lowCardinalityKeyValue("event.family", eventFamily)
			.lowCardinalityKeyValue("outcome", outcome.name().toLowerCase(Locale.ROOT))
			.stop();
	}

}
