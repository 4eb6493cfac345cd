package io.sendpulse.spring.internal.client;

import java.util.concurrent.Executor;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationContextAware;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;

/**
 * Builds the client's {@code WebClient} (and so its connector, which with Reactor Netty
 * makes its event loops as it is built) and JSON mapper on a thread of its own once the
 * application is ready, as Boot's background pre-initializer warms up what it knows of:
 * the client builds them at its first call rather than while the application starts
 * (benchmark B6), and this spares that first call the wait in most applications. Off with
 * Boot's own switch, the system property
 * {@code spring.backgroundpreinitializer.ignore=true}.
 * <p>
 * What the first call asks the application context for (the rate limiter and retry beans,
 * the {@code WebClient.Builder} and its customizers) is asked for, at the latest, as the
 * context starts closing: beans cannot be made once it destroys them, and a bean that
 * sends from its destroy method may be the first to call.
 */
public final class ClientWarmUp implements SmartApplicationListener, ApplicationContextAware {

	/** Boot's switch for its background pre-initialization, honoured here too. */
	static final String IGNORE_PROPERTY = "spring.backgroundpreinitializer.ignore";

	private static final Log logger = LogFactory.getLog(ClientWarmUp.class);

	private final SendPulseClient client;

	private final Runnable fromContext;

	private final Executor executor;

	private @Nullable ApplicationContext applicationContext;

	/**
	 * Create a warm-up of the given client, on a daemon thread of its own.
	 * @param client the client to build the parts of
	 * @param fromContext asks the application context for what the client's first call
	 * would ask it for, besides the client's rate limiter and retry, as the context
	 * starts closing
	 */
	public ClientWarmUp(SendPulseClient client, Runnable fromContext) {
		this(client, fromContext, (task) -> {
			Thread thread = new Thread(task, "sendpulse-warm-up");
			thread.setDaemon(true);
			thread.start();
		});
	}

	ClientWarmUp(SendPulseClient client, Runnable fromContext, Executor executor) {
		this.client = client;
		this.fromContext = fromContext;
		this.executor = executor;
	}

	@Override
	public void setApplicationContext(ApplicationContext applicationContext) {
		this.applicationContext = applicationContext;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationReadyEvent.class.isAssignableFrom(eventType)
				|| ContextClosedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		// A child context's events reach its parent's listeners too.
		if (event instanceof ApplicationReadyEvent ready && ready.getApplicationContext() == this.applicationContext) {
			if (!Boolean.getBoolean(IGNORE_PROPERTY)) {
				this.executor.execute(this::warmUp);
			}
		}
		else if (event instanceof ContextClosedEvent closed
				&& closed.getApplicationContext() == this.applicationContext) {
			beforeClose();
		}
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

	void beforeClose() {
		// Each on its own: one that fails does not keep the other from being ready.
		obtainBeforeClose(this.client::obtainRateLimiterAndRetry);
		obtainBeforeClose(this.fromContext);
	}

	private static void obtainBeforeClose(Runnable obtain) {
		try {
			obtain.run();
		}
		catch (RuntimeException ex) {
			// The first call asks again, and reports what fails.
			logger.debug("Could not obtain the SendPulse client's beans before the context closes", ex);
		}
	}

}
