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
	 * @param fromContext asks the application context, as it starts closing, for what the
	 * first call of the other clients made alike would ask it for (the auto-configured
	 * accounts' shared retry, and what their {@code WebClient.Builder} is made of); this
	 * client's own rate limiter and retry are asked for besides
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
		ahead(this.client::prepare, "Could not prepare the SendPulse client ahead of its first call");
	}

	void beforeClose() {
		// Each on its own: one that fails does not keep the other from being ready.
		String failed = "Could not obtain the SendPulse client's beans before the context closes";
		ahead(this.client::obtainRateLimiterAndRetry, failed);
		ahead(this.fromContext, failed);
	}

	private static void ahead(Runnable task, String failed) {
		try {
			task.run();
		}
		catch (RuntimeException ex) {
			// The first call does it again, and reports what fails.
			logger.debug(failed, ex);
		}
	}

}
