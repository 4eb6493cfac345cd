package io.sendpulse.spring.internal.client;

import org.jspecify.annotations.Nullable;

/**
 * Told what each HTTP attempt of the {@link SendPulseClient} came to, so that others (the
 * health contributor) can report from what the client saw without spending a request of
 * their own. Called on the thread that completed the attempt: keep it cheap and never
 * block.
 */
public interface ClientListener {

	/**
	 * The API answered 2xx with a readable body.
	 */
	void succeeded();

	/**
	 * The attempt failed: with an error status (a
	 * {@link io.sendpulse.spring.SendPulseException} with a status code), or before any
	 * response (status 0: a {@link io.sendpulse.spring.SendPulseConnectionException},
	 * such as a refused connection or a read timeout).
	 * @param failure what went wrong
	 */
	void failed(Throwable failure);

	/**
	 * The listener for the client of one account.
	 * @param account the account's name
	 * @param keyProperty the property that sets the account's key, such as
	 * {@code sendpulse.accounts.eu.api-key}, or {@code null} for a key handed over at run
	 * time
	 * @return the listener to tell
	 */
	default ClientListener forAccount(String account, @Nullable String keyProperty) {
		return this;
	}

}
