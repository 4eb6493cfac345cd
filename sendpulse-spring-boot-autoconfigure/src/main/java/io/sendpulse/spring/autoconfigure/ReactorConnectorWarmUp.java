package io.sendpulse.spring.autoconfigure;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.util.ClassUtils;

/**
 * Has the Reactor Netty connector make its event loops and host name resolver, and load
 * its native transport, as soon as it is built rather than at its first request. The
 * connector is built on the warm-up thread once the application is ready, so this spares
 * most first calls that work (about 80 ms of a first send, hand-timed); built by a first
 * call instead, it does what that call's request would have done anyway. Other connectors
 * are left as they are.
 */
final class ReactorConnectorWarmUp {

	private static final Log logger = LogFactory.getLog(ReactorConnectorWarmUp.class);

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.http.client.HttpClient",
			ReactorConnectorWarmUp.class.getClassLoader());

	private ReactorConnectorWarmUp() {
	}

	static ClientHttpConnectorBuilder<?> apply(ClientHttpConnectorBuilder<?> connector) {
		if (!REACTOR_NETTY_PRESENT || !(connector instanceof ReactorClientHttpConnectorBuilder reactor)) {
			return connector;
		}
		// Subscribed, not blocked on: a first call may build the connector on an event
		// loop, where blocking is not allowed. The work is done as it subscribes.
		return reactor.withHttpClientCustomizer((client) -> {
			client.warmup()
				.subscribe(null, (ex) -> logger.debug("Could not warm up the SendPulse client's connector", ex));
			return client;
		});
	}

}
