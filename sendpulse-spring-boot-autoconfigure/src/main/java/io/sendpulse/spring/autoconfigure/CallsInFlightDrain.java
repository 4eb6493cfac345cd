package io.sendpulse.spring.autoconfigure;

import io.sendpulse.spring.internal.client.CallsInFlight;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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
		int count = this.calls.count();
		if (count > 0) {
			logger.info("Waiting for " + count + " SendPulse call(s) in flight to end before the application closes "
					+ "(at most spring.lifecycle.timeout-per-shutdown-phase)");
		}
		this.calls.whenNone(callback);
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
