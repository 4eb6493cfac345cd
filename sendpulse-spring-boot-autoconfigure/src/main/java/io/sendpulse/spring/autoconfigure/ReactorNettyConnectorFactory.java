package io.sendpulse.spring.autoconfigure;

import java.time.Duration;

import javax.net.ssl.SSLException;

import io.netty.channel.ChannelOption;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

/**
 * The connector without Boot's {@code spring-boot-http-client}: Reactor Netty's, built
 * here from {@code sendpulse.*} alone (connect and read timeouts, SSL bundle, proxy), as
 * Boot's builder would build it but for gzip (see {@link ReactorConnectorDefaults}) and
 * redirects, which it does not follow: the API never redirects, and a redirect elsewhere
 * must not take the API key along.
 */
final class ReactorNettyConnectorFactory implements ConnectorFactory {

	private final SendPulseProperties properties;

	private final @Nullable SslBundle sslBundle;

	private final boolean proxied;

	ReactorNettyConnectorFactory(SendPulseProperties properties, @Nullable SslBundle sslBundle) {
		this.properties = properties;
		this.sslBundle = sslBundle;
		this.proxied = ProxySettings.isSet(properties.getProxy());
	}

	@Override
	public ClientHttpConnector create() {
		return new ReactorClientHttpConnector(
				ReactorConnectorDefaults.apply(httpClient(), this.properties.getMaxIdleTime()));
	}

	HttpClient httpClient() {
		Duration connectTimeout = this.properties.getConnectTimeout();
		HttpClient client = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
			.responseTimeout(this.properties.getReadTimeout());
		SslBundle bundle = this.sslBundle;
		if (bundle != null) {
			client = client.secure((spec) -> spec.sslContext(sslContext(bundle)));
		}
		if (this.proxied) {
			client = SendPulseProxy.apply(client, this.properties.getProxy());
		}
		return client;
	}

	private static SslContext sslContext(SslBundle bundle) {
		SslManagerBundle managers = bundle.getManagers();
		SslOptions options = bundle.getOptions();
		SslContextBuilder builder = SslContextBuilder.forClient()
			.keyManager(managers.getKeyManagerFactory())
			.trustManager(managers.getTrustManagerFactory())
			.ciphers(SslOptions.asSet(options.getCiphers()))
			.protocols(options.getEnabledProtocols());
		try {
			return builder.build();
		}
		catch (SSLException ex) {
			throw new IllegalStateException("Could not build the SendPulse client's TLS context from its SSL bundle",
					ex);
		}
	}

}
