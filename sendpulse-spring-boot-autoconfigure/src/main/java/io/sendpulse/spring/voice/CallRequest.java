package io.sendpulse.spring.voice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.sendpulse.spring.internal.PhoneNumbers;
import io.sendpulse.spring.internal.client.RequestRules;
import org.jspecify.annotations.Nullable;

/**
 * A voice call to place. Build one with {@link #builder()}:
 * <p>
 * <pre class="code">
 * CallRequest request = CallRequest.builder().to("+14155550123")
 *     .actions(VoiceAction.say("Your code is 1 2 3"), VoiceAction.gather().numDigits(1).build())
 *     .build();
 * </pre>
 *
 * @param to the callee, an E.164 number
 * @param from the caller ID, your voice-enabled number in E.164 format, or {@code null}
 * for {@code sendpulse.voice.from}
 * @param actions the call flow, 1 to 100 actions run in order
 * @param timeout how long to let it ring, 1 to 600 seconds, or {@code null} for the API's
 * default (30 seconds)
 */
public record CallRequest(String to, @Nullable String from, List<VoiceAction> actions, @Nullable Duration timeout) {

	/** The most actions one call may have. */
	public static final int MAX_ACTIONS = 100;

	/**
	 * Check the request against the API's rules.
	 * @throws IllegalArgumentException naming the field and the rule it breaks
	 */
	public CallRequest {
		RequestRules.e164("to", to);
		if (from != null) {
			RequestRules.callerId("from", from);
		}
		actions = List.copyOf(RequestRules.required("actions", actions));
		if (actions.isEmpty() || actions.size() > MAX_ACTIONS) {
			throw new IllegalArgumentException(
					"actions must hold 1 to " + MAX_ACTIONS + " actions, but held " + actions.size());
		}
		if (timeout != null) {
			RequestRules.seconds("timeout", timeout, 600);
		}
	}

	/**
	 * Start building a request.
	 * @return a builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	@Override
	public String toString() {
		return "CallRequest[to=" + PhoneNumbers.mask(this.to) + ", from=" + PhoneNumbers.maskAll(this.from)
				+ ", actions=" + this.actions.size() + ", timeout=" + this.timeout + "]";
	}

	/**
	 * Builds a {@link CallRequest}.
	 */
	public static final class Builder {

		private @Nullable String to;

		private @Nullable String from;

		private final List<VoiceAction> actions = new ArrayList<>();

		private @Nullable Duration timeout;

		private Builder() {
		}

		/**
		 * Set the callee.
		 * @param to an E.164 number
		 * @return this builder
		 */
		public Builder to(String to) {
			this.to = to;
			return this;
		}

		/**
		 * Set the caller ID, instead of {@code sendpulse.voice.from}.
		 * @param from your voice-enabled number
		 * @return this builder
		 */
		public Builder from(String from) {
			this.from = from;
			return this;
		}

		/**
		 * Add actions to the call flow.
		 * @param actions the actions, run in order
		 * @return this builder
		 */
		public Builder actions(VoiceAction... actions) {
			this.actions.addAll(Arrays.asList(actions));
			return this;
		}

		/**
		 * Add actions to the call flow.
		 * @param actions the actions, run in order
		 * @return this builder
		 */
		public Builder actions(List<? extends VoiceAction> actions) {
			this.actions.addAll(actions);
			return this;
		}

		/**
		 * Set how long to let it ring.
		 * @param timeout whole seconds, 1 to 600
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = timeout;
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 * @throws IllegalArgumentException naming the field and the rule it breaks
		 */
		public CallRequest build() {
			return new CallRequest(RequestRules.required("to", this.to), this.from, this.actions, this.timeout);
		}

	}

}
