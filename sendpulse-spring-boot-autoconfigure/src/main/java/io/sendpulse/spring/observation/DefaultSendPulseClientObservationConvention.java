package io.sendpulse.spring.observation;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.sendpulse.spring.observation.SendPulseClientObservationDocumentation.LowCardinalityKeyNames;

/**
 * The default {@link SendPulseClientObservationConvention}: observations named
 * {@code sendpulse.client.operations}, spans named after the operation (for example
 * {@code sms.send}), tagged with {@code operation}, {@code method}, {@code uri},
 * {@code outcome} ({@code success}, {@code failure}, {@code cancelled}; {@code unknown}
 * while in flight, on the {@code .active} timer), {@code status} ({@code 2xx},
 * {@code 4xx}, {@code 5xx}, or {@code none} when no response arrived) and {@code account}
 * (the account's name, {@code default} for the top-level one). No tag carries a phone
 * number, an id or the API key.
 */
public class DefaultSendPulseClientObservationConvention implements SendPulseClientObservationConvention {

	/** Name of the observation, and of the timer it produces. */
	public static final String NAME = "sendpulse.client.operations";

	@Override
	public String getName() {
		return NAME;
	}

	@Override
	public String getContextualName(SendPulseClientObservationContext context) {
		return context.getOperation();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(SendPulseClientObservationContext context) {
		return KeyValues.of(KeyValue.of(LowCardinalityKeyNames.OPERATION, context.getOperation()),
				KeyValue.of(LowCardinalityKeyNames.METHOD, context.getMethod()),
				KeyValue.of(LowCardinalityKeyNames.URI, context.getUriTemplate()), outcome(context), status(context),
				KeyValue.of(LowCardinalityKeyNames.ACCOUNT, context.getAccount()));
	}

	protected KeyValue outcome(SendPulseClientObservationContext context) {
		// Asked at the start too, for the in-flight timer: nothing is known then.
		String outcome = context.isCancelled() ? "cancelled"
				: (context.getError() != null) ? "failure" : (context.getStatusCode() != null) ? "success" : "unknown";
		return KeyValue.of(LowCardinalityKeyNames.OUTCOME, outcome);
	}

	protected KeyValue status(SendPulseClientObservationContext context) {
		Integer status = context.getStatusCode();
		return KeyValue.of(LowCardinalityKeyNames.STATUS, (status != null) ? (status / 100) + "xx" : "none");
	}

}
