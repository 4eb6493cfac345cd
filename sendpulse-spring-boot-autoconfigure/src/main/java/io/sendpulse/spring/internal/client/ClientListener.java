package io.sendpulse.spring.internal.client;

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
	 * response (any other exception, such as a refused connection or a read timeout).
	 * @param failure what went wrong
	 */
	void failed(Throwable failure);

}
