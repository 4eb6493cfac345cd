package io.sendpulse.spring.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * The context of one template operation, such as {@code sms.send}: all of its attempts,
 * retries and waits for the rate limiter included. Each HTTP attempt is observed by the
 * {@code WebClient} as a child of this observation.
 *
 * @see SendPulseClientObservationConvention
 */
public class SendPulseClientObservationContext extends Observation.Context {

	/** The name of the top-level account ({@code sendpulse.api-key}). */
	public static final String DEFAULT_ACCOUNT = "default";

	private final String operation;

	private final String method;

	private final String uriTemplate;

	private final String account;

	private @Nullable Integer statusCode;

	private boolean cancelled;

	/**
	 * Create a context.
	 * @param operation the operation, such as {@code sms.send}
	 * @param method the HTTP method
	 * @param uriTemplate the path as a URI template, such as {@code /v1/sms/{messageId}}
	 */
	public SendPulseClientObservationContext(String operation, String method, String uriTemplate) {
		this(operation, method, uriTemplate, DEFAULT_ACCOUNT);
	}

	/**
	 * Create a context for an operation of a named account.
	 * @param operation the operation, such as {@code sms.send}
	 * @param method the HTTP method
	 * @param uriTemplate the path as a URI template, such as {@code /v1/sms/{messageId}}
	 * @param account the account's name: {@code default}, a configured
	 * {@code sendpulse.accounts.<name>}, or a run-time account's name ({@code runtime}
	 * unless the application named it); never the key
	 */
	public SendPulseClientObservationContext(String operation, String method, String uriTemplate, String account) {
		this.operation = operation;
		this.method = method;
		this.uriTemplate = uriTemplate;
		this.account = account;
	}

	/**
	 * The operation, such as {@code sms.send}, {@code sms.status}, {@code voice.call},
	 * {@code verify.start} or {@code verify.check}.
	 * @return the operation
	 */
	public String getOperation() {
		return this.operation;
	}

	/**
	 * The HTTP method of the operation's requests.
	 * @return the method
	 */
	public String getMethod() {
		return this.method;
	}

	/**
	 * The path of the operation's requests as a URI template: low cardinality.
	 * @return the URI template
	 */
	public String getUriTemplate() {
		return this.uriTemplate;
	}

	/**
	 * The name of the account the operation was made for: low cardinality.
	 * @return the account's name, {@code default} for the top-level account
	 */
	public String getAccount() {
		return this.account;
	}

	/**
	 * The HTTP status of the last attempt's response, once the operation ended with one.
	 * @return the status, or {@code null} when there was no response (a connection
	 * failure, the rate limiter gave no permit) or the operation has not ended
	 */
	public @Nullable Integer getStatusCode() {
		return this.statusCode;
	}

	/**
	 * Set the HTTP status the operation ended with.
	 * @param statusCode the status, or {@code null} for none
	 */
	public void setStatusCode(@Nullable Integer statusCode) {
		this.statusCode = statusCode;
	}

	/**
	 * Whether the caller cancelled the operation before it ended.
	 * @return whether it was cancelled
	 */
	public boolean isCancelled() {
		return this.cancelled;
	}

	/**
	 * Set whether the caller cancelled the operation.
	 * @param cancelled whether it was cancelled
	 */
	public void setCancelled(boolean cancelled) {
		this.cancelled = cancelled;
	}

}
