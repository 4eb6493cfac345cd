package io.sendpulse.spring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of the SendPulse client.
 */
public enum SendPulseClientObservationDocumentation implements ObservationDocumentation {

	/**
	 * One template operation, from the call to its result: every attempt, retry and wait
	 * for the rate limiter included. The {@code WebClient}'s HTTP observations
	 * ({@code http.client.requests}), one per attempt, are its children.
	 */
	OPERATION {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultSendPulseClientObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeyNames.values();
		}

	};

	/**
	 * The low-cardinality tags of {@link #OPERATION}.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/** The operation, such as {@code sms.send}. */
		OPERATION {
			@Override
			public String asString() {
				return "operation";
			}
		},

		/** The HTTP method. */
		METHOD {
			@Override
			public String asString() {
				return "method";
			}
		},

		/** The path as a URI template. */
		URI {
			@Override
			public String asString() {
				return "uri";
			}
		},

		/** {@code success}, {@code failure} or {@code cancelled}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** The status class of the last response, or {@code none}. */
		STATUS {
			@Override
			public String asString() {
				return "status";
			}
		},

		/**
		 * The account's name: {@code default}, a configured account's, or a run-time
		 * account's ({@code runtime} unless named).
		 */
		ACCOUNT {
			@Override
			public String asString() {
				return "account";
			}
		}

	}

}
