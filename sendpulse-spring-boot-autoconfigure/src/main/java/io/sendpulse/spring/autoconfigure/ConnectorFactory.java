package io.sendpulse.spring.autoconfigure;

import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * Builds the connector the client's requests go through, with the timeouts, TLS and proxy
 * of {@code sendpulse.*}. Its settings are checked when the factory is made (an unknown
 * SSL bundle, a proxy the connector cannot take fail the start); the connector is built
 * with the client, on the warm-up thread or at the first call, since building it loads
 * the HTTP stack; and again after the context's lifecycle stops when it takes the
 * context's resources ({@link RenewableConnector}).
 */
@FunctionalInterface
interface ConnectorFactory {

	ClientHttpConnector create();

	/**
	 * Whether the connectors made take their resources from the application context
	 * (Spring Boot's Reactor Netty connector, from its {@code ReactorResourceFactory}),
	 * which stops them with its lifecycle.
	 * @return {@code false} unless overridden
	 */
	default boolean usesContextResources() {
		return false;
	}

}
