package io.sendpulse.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * The connector every account's client shares: made by the {@link ConnectorFactory} at
 * the first call or by the warm-up and, when the factory makes it from the Reactor Netty
 * resources of the application context ({@link ConnectorFactory#usesContextResources()}),
 * made again at the first call after the context's lifecycle has stopped. Spring stops
 * the context's lifecycle beans before it destroys any bean, and with them its
 * {@code ReactorResourceFactory} (phase 0), which disposes the resources Spring Boot's
 * Reactor Netty connector was made from: that connector can no longer connect, so a send
 * from a destroy method would fail. This stops just after it, and the connector made next
 * asks the factory for its resources again, which starts it again (Spring's
 * {@code ReactorResourceFactory} does so when asked while stopped; it is not stopped a
 * second time, so with global resources, Boot's default, Reactor Netty's global event
 * loops, daemon threads, run on until the JVM exits). A connector that cannot be made
 * then fails the call as a connection would. The starter's own connectors, and one that a
 * {@code SendPulseWebClientCustomizer} sets, are not made again: the starter's take
 * Reactor Netty's global resources at each connection, and the application manages its
 * own.
 */
final class RenewableConnector implements SmartLifecycle {

	/** Just after {@code ReactorResourceFactory}, which stops at phase 0. */
	static final int PHASE = -1;

	private final ConnectorFactory factory;

	private final ClientHttpConnector renewing = (method, uri, request) -> current().connect(method, uri, request);

	private final Object monitor = new Object();

	private volatile @Nullable ClientHttpConnector current;

	private volatile boolean running;

	RenewableConnector(ConnectorFactory factory) {
		this.factory = factory;
	}

	/**
	 * The connector to give the clients' {@code WebClient}, made now: one that connects
	 * through the current one when it is made again after a stop, else the one made.
	 */
	ClientHttpConnector connector() {
		ClientHttpConnector current = current();
		return this.factory.usesContextResources() ? this.renewing : current;
	}

	/**
	 * The connector requests go through now, made if there is none.
	 */
	ClientHttpConnector current() {
		ClientHttpConnector current = this.current;
		if (current == null) {
			synchronized (this.monitor) {
				current = this.current;
				if (current == null) {
					current = this.factory.create();
					this.current = current;
				}
			}
		}
		return current;
	}

	@Override
	public void start() {
		this.running = true;
	}

	// Under the monitor, as the connector is made: one being made from the resources
	// that just stopped is not kept.
	@Override
	public void stop() {
		synchronized (this.monitor) {
			this.running = false;
			if (this.factory.usesContextResources()) {
				this.current = null;
			}
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
