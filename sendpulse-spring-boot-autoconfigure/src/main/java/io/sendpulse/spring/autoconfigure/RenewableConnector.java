package io.sendpulse.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * The connector every account's client shares: made by the {@link ConnectorFactory} at
 * the first call or by the warm-up, and made again at the first call after the
 * application context's lifecycle has stopped. Spring stops the context's lifecycle beans
 * before it destroys any bean, and with them the Reactor Netty resources that the context
 * manages ({@code ReactorResourceFactory}, phase 0, which Spring Boot's HTTP client
 * connectors are made from): a connector made from those can no longer connect, so a send
 * from a destroy method would fail. This stops just after them, and the connector made
 * next takes its resources afresh (Reactor Netty's global ones, whose daemon threads
 * nothing disposes once the context has closed). After a restart (the context stopped and
 * started again) the next call makes one again too. A connector that cannot be made then
 * fails the call as a connection would. A connector that a
 * {@code SendPulseWebClientCustomizer} sets instead is the application's to manage.
 */
final class RenewableConnector implements SmartLifecycle {

	/** Just after {@code ReactorResourceFactory}, which stops at phase 0. */
	static final int PHASE = -1;

	private final ConnectorFactory factory;

	private final ClientHttpConnector connector = (method, uri, request) -> current().connect(method, uri, request);

	private final Object monitor = new Object();

	private volatile @Nullable ClientHttpConnector current;

	private volatile boolean running;

	private volatile boolean stopped;

	RenewableConnector(ConnectorFactory factory) {
		this.factory = factory;
	}

	/**
	 * The connector to give the clients' {@code WebClient}: it connects through the
	 * current one.
	 */
	ClientHttpConnector connector() {
		return this.connector;
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

	// Under the monitor, as the connector is made: one being made from the resources
	// that just stopped is not kept.
	@Override
	public void start() {
		synchronized (this.monitor) {
			if (this.stopped) {
				this.current = null;
			}
			this.running = true;
		}
	}

	@Override
	public void stop() {
		synchronized (this.monitor) {
			this.running = false;
			this.stopped = true;
			this.current = null;
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
