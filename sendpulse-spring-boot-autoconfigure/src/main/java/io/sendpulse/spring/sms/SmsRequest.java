package io.sendpulse.spring.sms;

import java.net.URI;
import java.time.Instant;

import io.sendpulse.spring.internal.PhoneNumbers;
import io.sendpulse.spring.internal.client.RequestRules;
import org.jspecify.annotations.Nullable;

/**
 * An SMS to send. Build one with {@link #builder()}:
 * <p>
 * <pre class="code">
 * SmsRequest request = SmsRequest.builder().to("+14155550123").text("Your order has shipped").build();
 * </pre>
 * <p>
 * Every field is checked against the API's rules when the request is built.
 *
 * @param to the recipient, an E.164 number
 * @param from the sender (E.164 number or alphanumeric sender ID of up to 11 characters),
 * or {@code null} for {@code sendpulse.sms.from}
 * @param text the message, 1 to 1600 characters
 * @param callbackUrl where SendPulse posts delivery webhooks for this message, or
 * {@code null} for the account's webhook URL
 * @param scheduledAt when to send it, or {@code null} to send it now
 */
public record SmsRequest(String to, @Nullable String from, String text, @Nullable URI callbackUrl,
		@Nullable Instant scheduledAt) {

	/** The longest text the API accepts. */
	public static final int MAX_TEXT_LENGTH = 1600;

	/**
	 * Check the request against the API's rules.
	 * @throws IllegalArgumentException naming the field and the rule it breaks
	 */
	public SmsRequest {
		RequestRules.e164("to", to);
		if (from != null) {
			RequestRules.sender("from", from);
		}
		RequestRules.text("text", text, MAX_TEXT_LENGTH);
		if (callbackUrl != null) {
			RequestRules.httpUrl("callback_url", callbackUrl);
		}
		if (scheduledAt != null) {
			RequestRules.future("scheduled_at", scheduledAt);
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
		return "SmsRequest[to=" + PhoneNumbers.mask(this.to) + ", from=" + PhoneNumbers.maskAll(this.from) + ", text=("
				+ this.text.length() + " characters), callbackUrl=" + this.callbackUrl + ", scheduledAt="
				+ this.scheduledAt + "]";
	}

	/**
	 * Builds an {@link SmsRequest}.
	 */
	public static final class Builder {

		private @Nullable String to;

		private @Nullable String from;

		private @Nullable String text;

		private @Nullable URI callbackUrl;

		private @Nullable Instant scheduledAt;

		private Builder() {
		}

		/**
		 * Set the recipient.
		 * @param to an E.164 number, such as {@code +14155550123}
		 * @return this builder
		 */
		public Builder to(String to) {
			this.to = to;
			return this;
		}

		/**
		 * Set the sender, instead of {@code sendpulse.sms.from}.
		 * @param from an E.164 number or an alphanumeric sender ID of up to 11 characters
		 * @return this builder
		 */
		public Builder from(String from) {
			this.from = from;
			return this;
		}

		/**
		 * Set the message.
		 * @param text 1 to 1600 characters
		 * @return this builder
		 */
		public Builder text(String text) {
			this.text = text;
			return this;
		}

		/**
		 * Set where SendPulse posts this message's delivery webhooks.
		 * @param callbackUrl an absolute http(s) URL
		 * @return this builder
		 */
		public Builder callbackUrl(URI callbackUrl) {
			this.callbackUrl = callbackUrl;
			return this;
		}

		/**
		 * Schedule the message instead of sending it now.
		 * @param scheduledAt an instant in the future
		 * @return this builder
		 */
		public Builder scheduledAt(Instant scheduledAt) {
			this.scheduledAt = scheduledAt;
			return this;
		}

		/**
		 * Build the request.
		 * @return the request
		 * @throws IllegalArgumentException naming the field and the rule it breaks
		 */
		public SmsRequest build() {
			return new SmsRequest(RequestRules.required("to", this.to), this.from,
					RequestRules.required("text", this.text), this.callbackUrl, this.scheduledAt);
		}

	}

}
