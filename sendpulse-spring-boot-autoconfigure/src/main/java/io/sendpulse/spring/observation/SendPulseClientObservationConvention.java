package io.sendpulse.spring.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of each SendPulse template operation. Define a bean of
 * this type to replace {@link DefaultSendPulseClientObservationConvention}, or extend the
 * default to add tags.
 */
public interface SendPulseClientObservationConvention extends ObservationConvention<SendPulseClientObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof SendPulseClientObservationContext;
	}

}
