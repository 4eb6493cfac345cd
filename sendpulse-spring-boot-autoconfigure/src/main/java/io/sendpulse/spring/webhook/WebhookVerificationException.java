package io.sendpulse.spring.webhook;

/**
 * A webhook delivery that must not be trusted or cannot be read, thrown by
 * {@link WebhookSignatureVerifier#verify(byte[], String)}. Its message never holds the
 * body, the secret or a phone number.
 */
public class WebhookVerificationException extends RuntimeException {

	private final Reason reason;

	/**
	 * Create an exception.
	 * @param reason why the delivery was rejected
	 * @param message a description without secrets, body or phone numbers
	 */
	public WebhookVerificationException(Reason reason, String message) {
		// Rejections are expected traffic (forgeries, probes): no stack trace to fill.
		super(message, null, false, false);
		this.reason = reason;
	}

	/**
	 * Return why the delivery was rejected.
	 * @return the reason
	 */
	public Reason getReason() {
		return this.reason;
	}

	/**
	 * Why a delivery was rejected.
	 */
	public enum Reason {

		/** The signature is missing or made with none of the secrets. */
		INVALID_SIGNATURE,

		/**
		 * The signed body is not a JSON object, lacks its {@code event} or
		 * {@code timestamp}, or holds a value that does not fit its type.
		 */
		MALFORMED,

		/** The signed body's timestamp is further from now than the tolerance. */
		OUTSIDE_TOLERANCE

	}

}
