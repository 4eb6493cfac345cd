package io.sendpulse.spring;

/**
 * Raised when no response came from SendPulse: the connection was refused or reset, or
 * the response did not arrive within {@code sendpulse.read-timeout}.
 * {@link #getStatusCode()} is {@code 0}. Retrying is safe: every POST carries an
 * {@code Idempotency-Key}. It is {@link #isRetryable() retryable} but when a proxy
 * refused the tunnel for good (407 or 403), which another attempt would meet again.
 */
public class SendPulseConnectionException extends SendPulseException {

	/**
	 * Create an exception.
	 * @param message what failed, without secrets
	 * @param attempts how many attempts were made
	 * @param cause the I/O failure or timeout
	 */
	public SendPulseConnectionException(String message, int attempts, Throwable cause) {
		this(message, attempts, true, cause);
	}

	/**
	 * Create an exception.
	 * @param message what failed, without secrets
	 * @param attempts how many attempts were made
	 * @param retryable whether another attempt may succeed
	 * @param cause the I/O failure or timeout
	 */
	public SendPulseConnectionException(String message, int attempts, boolean retryable, Throwable cause) {
		super(message, 0, null, attempts, retryable, cause);
	}

}
