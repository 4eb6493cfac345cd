package io.sendpulse.spring.autoconfigure;

import reactor.netty.transport.ProxyProvider;

import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.util.Assert;

/**
 * Sends the client through the HTTP proxy of {@code sendpulse.proxy.*}. Only the Reactor
 * Netty connector (the default) is configured here; with another one the application
 * configures its proxy through a {@code ClientHttpConnectorBuilder} bean of its own.
 */
final class SendPulseProxy {

	private SendPulseProxy() {
	}

	static ClientHttpConnectorBuilder<?> apply(ClientHttpConnectorBuilder<?> connector,
			SendPulseProperties.Proxy proxy) {
		String host = proxy.getHost();
		if (host == null || host.isBlank()) {
			return connector;
		}
		if (!(connector instanceof ReactorClientHttpConnectorBuilder reactor)) {
			throw new IllegalStateException(
					"sendpulse.proxy.host needs the Reactor Netty HTTP connector, but the " + "client uses "
							+ connector.getClass().getSimpleName() + "; configure the proxy on that connector instead");
		}
		String username = proxy.getUsername();
		String password = proxy.getPassword();
		Assert.state(password == null || username != null,
				"sendpulse.proxy.password is set without sendpulse.proxy.username");
		return reactor.withHttpClientCustomizer((client) -> client.proxy((spec) -> {
			ProxyProvider.Builder builder = spec.type(ProxyProvider.Proxy.HTTP).host(host).port(proxy.getPort());
			if (username != null) {
				builder.username(username).password((user) -> password);
			}
		}));
	}

}
