package io.sendpulse.spring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.sendpulse.spring.internal.client.CallsInFlight;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;

/**
 * Lets the template calls in flight end before the application closes, as Spring Boot's
 * graceful shutdown lets HTTP requests end: Spring waits for it up to
 * {@code spring.lifecycle.timeout-per-shutdown-phase} (30 s by default). It stops after
 * the web server (whose requests may still send) and before what the calls need: Spring
 * Data Redis's connection factory and the context's Reactor Netty resources (phase 0).
 */
final class CallsInFlightDrain implements SmartLifecycle {

	/** Just before Spring Data Redis's connection factory and ReactorResourceFactory. */
	static final int PHASE = 1;

	private static final Log logger = LogFactory.getLog(CallsInFlightDrain.class);

	private static final Duration NOTICE_AFTER = Duration.ofMillis(100);

	private final CallsInFlight calls;

	private volatile boolean running;

	CallsInFlightDrain(CallsInFlight calls) {
		this.calls = calls;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		// Said only if the wait lasts: a blocking caller has its answer a moment before
		// its call is counted out.
		if (this.calls.count() == 0) {
			callback.run();
			return;
		}
		Disposable notice = notice();
		this.calls.whenNone(() -> {
			notice.dispose();
			callback.run();
		});
	}

	private Disposable notice() {
		try {
			return Schedulers.parallel()
				.schedule(this::sayWhatItWaitsFor, NOTICE_AFTER.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			// Reactor's schedulers shut down already: said at once.
			sayWhatItWaitsFor();
			return () -> {
			};
		}
	}

	private void sayWhatItWaitsFor() {
		long count = this.calls.count();
		if (count > 0) {
			logger.info("Waiting for " + count + " SendPulse call(s) in flight to end before the application closes "
					+ "(at most spring.lifecycle.timeout-per-shutdown-phase)");
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
