package io.sendpulse.spring.autoconfigure;

import reactor.netty.http.client.HttpClient;
import reactor.netty.transport.ProxyProvider;

/**
 * Sends the client through the HTTP proxy of {@code sendpulse.proxy.*}. Only the Reactor
 * Netty connector (the default) is configured here; with another one the application
 * configures its proxy through a {@code ClientHttpConnectorBuilder} bean of its own. Used
 * only when a proxy is set ({@link ProxySettings}) and the connector is Reactor Netty's:
 * it needs Reactor Netty, which the application may have left out.
 */
final class SendPulseProxy {

	private SendPulseProxy() {
	}

	static HttpClient apply(HttpClient client, SendPulseProperties.Proxy proxy) {
		String host = proxy.getHost();
		String username = proxy.getUsername();
		String password = proxy.getPassword();
		return client.proxy((spec) -> {
			ProxyProvider.Builder builder = spec.type(ProxyProvider.Proxy.HTTP).host(host).port(proxy.getPort());
			if (username != null) {
				builder.username(username).password((user) -> password);
			}
		});
	}

}
