package io.sendpulse.spring.verify;

import java.time.Duration;

import io.sendpulse.spring.internal.PhoneNumbers;
import io.sendpulse.spring.internal.client.RequestRules;
import org.jspecify.annotations.Nullable;

/**
 * A phone verification to start: SendPulse sends the user a one-time code. Build one with
 * {@link #builder()}; unset fields fall back to {@code sendpulse.verify.*}.
 *
 * @param to the number to verify, an E.164 number
 * @param channel how to send the code, or {@code null} for
 * {@code sendpulse.verify.channel}
 * @param codeLength how many digits, 4 to 8, or {@code null} for
 * {@code sendpulse.verify.code-length}
 * @param expiry how long the code is valid, whole seconds, or {@code null} for
 * {@code sendpulse.verify.expiry}
 */
public record VerificationRequest(String to, @Nullable Channel channel, @Nullable Integer codeLength,
		@Nullable Duration expiry) {

	/**
	 * Check the request against the API's rules.
	 * @throws IllegalArgumentException naming the field and the rule it breaks
	 */
	public VerificationRequest {
		RequestRules.e164("to", to);
		if (channel == Channel.UNKNOWN) {
			throw new IllegalArgumentException("channel must be sms, voice or whatsapp");
		}
		if (codeLength != null) {
			RequestRules.codeLength("code_length", codeLength);
		}
		if (expiry != null) {
			RequestRules.seconds("expiry", expiry, Integer.MAX_VALUE);
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
		return "VerificationRequest[to=" + PhoneNumbers.mask(this.to) + ", channel=" + this.channel + ", codeLength="
				+ this.codeLength + ", expiry=" + this.expiry + "]";
	}

	/**
	 * Builds a {@link VerificationRequest}.
	 */
	public static final class Builder {

		private @Nullable String to;

		private @Nullable Channel channel;

		private @Nullable Integer codeLength;

		private @Nullable Duration expiry;

		private Builder() {
		}

		/**
		 * Set the number to verify.
		 * @param to an E.164 number
		 * @return this builder
		 */
		public Builder to(String to) {
			this.to = to;
			return this;
		}

		/**
		 * Set how to send the code.
		 * @param channel the channel
		 * @return this builder
		 */
		public Builder channel(Channel channel) {
			this.channel = channel;
			return this;
		}

		/**
		 * Set how many digits the code has.
		 * @param codeLength 4 to 8
		 * @return this builder
		 */
		public Builder codeLength(int codeLength) {
			this.codeLength = codeLength;
			return this;
		}

		/**
		 * Set how long the code is valid.
		 * @param expiry a positive, whole number of seconds
		 * @return this builder
		 */
		public Builder expiry(Duration expiry) {
			this.expiry = expiry;
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 * @throws IllegalArgumentException naming the field and the rule it breaks
		 */
		public VerificationRequest build() {
			return new VerificationRequest(RequestRules.required("to", this.to), this.channel, this.codeLength,
					this.expiry);
		}

	}

}
