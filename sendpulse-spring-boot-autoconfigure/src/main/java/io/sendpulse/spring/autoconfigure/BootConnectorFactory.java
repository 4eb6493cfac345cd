package io.sendpulse.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.util.ClassUtils;

/**
 * The connector when the application has Boot's {@code spring-boot-http-client}: from its
 * {@link ClientHttpConnectorBuilder} (the application's bean, or the one Boot detects),
 * with its {@code spring.http.clients.*} settings and the timeouts and SSL bundle of
 * {@code sendpulse.*}. Only this class names Boot's types, so that the starter runs
 * without them.
 */
final class BootConnectorFactory implements ConnectorFactory {

	private static final boolean REACTOR_NETTY_PRESENT = ClassUtils.isPresent("reactor.netty.http.client.HttpClient",
			BootConnectorFactory.class.getClassLoader());

	private final ClientHttpConnectorBuilder<?> builder;

	private final HttpClientSettings settings;

	private final boolean reactorNetty;

	private BootConnectorFactory(ClientHttpConnectorBuilder<?> builder, HttpClientSettings settings,
			boolean reactorNetty) {
		this.builder = builder;
		this.settings = settings;
		this.reactorNetty = reactorNetty;
	}

	static BootConnectorFactory of(SendPulseProperties properties, @Nullable ClientHttpConnectorBuilder<?> builder,
			@Nullable HttpClientSettings settings, @Nullable SslBundle sslBundle) {
		HttpClientSettings withTimeouts = ((settings != null) ? settings : HttpClientSettings.defaults())
			.withTimeouts(properties.getConnectTimeout(), properties.getReadTimeout());
		if (sslBundle != null) {
			withTimeouts = withTimeouts.withSslBundle(sslBundle);
		}
		ClientHttpConnectorBuilder<?> connector = (builder != null) ? builder : ClientHttpConnectorBuilder.detect();
		SendPulseProperties.Proxy proxy = properties.getProxy();
		boolean proxied = ProxySettings.isSet(proxy);
		boolean reactorNetty = REACTOR_NETTY_PRESENT && connector instanceof ReactorClientHttpConnectorBuilder;
		if (reactorNetty) {
			connector = ((ReactorClientHttpConnectorBuilder) connector)
				.withHttpClientCustomizer((client) -> ReactorConnectorDefaults
					.apply(proxied ? SendPulseProxy.apply(client, proxy) : client, properties.getMaxIdleTime()));
		}
		else if (proxied) {
			throw ProxySettings.unsupported(connector.getClass().getSimpleName());
		}
		return new BootConnectorFactory(connector, withTimeouts, reactorNetty);
	}

	@Override
	public ClientHttpConnector create() {
		return this.builder.build(this.settings);
	}

	// Made from the context's ReactorResourceFactory when the application has one, or
	// from Reactor Netty's global resources, which a WebFlux server's factory disposes.
	@Override
	public boolean usesContextResources() {
		return this.reactorNetty;
	}

}
