package io.sendpulse.spring.internal.client;

import java.util.concurrent.Executor;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Builds the client's {@code WebClient} (and so its connector, which with Reactor Netty
 * makes its event loops as it is built) and JSON mapper on a thread of its own once the
 * application is ready, as Boot's background pre-initializer warms up what it knows of:
 * the client builds them at its first call rather than while the application starts
 * (benchmark B6), and this spares that first call the wait in most applications. Off with
 * Boot's own switch, the system property
 * {@code spring.backgroundpreinitializer.ignore=true}.
 */
public final class ClientWarmUp implements ApplicationListener<ApplicationReadyEvent> {

	/** Boot's switch for its background pre-initialization, honoured here too. */
	static final String IGNORE_PROPERTY = "spring.backgroundpreinitializer.ignore";

	private static final Log logger = LogFactory.getLog(ClientWarmUp.class);

	private final SendPulseClient client;

	private final Executor executor;

	/**
	 * Create a warm-up of the given client, on a daemon thread of its own.
	 * @param client the client to build the parts of
	 */
	public ClientWarmUp(SendPulseClient client) {
		this(client, (task) -> {
			Thread thread = new Thread(task, "sendpulse-warm-up");
			thread.setDaemon(true);
			thread.start();
		});
	}

	ClientWarmUp(SendPulseClient client, Executor executor) {
		this.client = client;
		this.executor = executor;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (Boolean.getBoolean(IGNORE_PROPERTY)) {
			return;
		}
		this.executor.execute(this::warmUp);
	}

	void warmUp() {
		try {
			this.client.prepare();
		}
		catch (RuntimeException ex) {
			// The first call builds them again, and reports what fails.
			logger.debug("Could not prepare the SendPulse client ahead of its first call", ex);
		}
	}

}
