package io.sendpulse.spring.autoconfigure;

import java.net.http.HttpClient;

import javax.net.ssl.SSLParameters;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslOptions;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.JdkClientHttpConnector;

/**
 * The connector without Boot's {@code spring-boot-http-client} and without Reactor Netty
 * (an application that excluded it): the JDK's {@link HttpClient}, with the connect and
 * read timeouts and the SSL bundle of {@code sendpulse.*}. It does not follow redirects.
 * {@code sendpulse.proxy.*} needs Reactor Netty.
 */
final class JdkConnectorFactory implements ConnectorFactory {

	private final SendPulseProperties properties;

	private final @Nullable SslBundle sslBundle;

	JdkConnectorFactory(SendPulseProperties properties, @Nullable SslBundle sslBundle) {
		if (ProxySettings.isSet(properties.getProxy())) {
			throw ProxySettings.unsupported("the JDK's HttpClient (Reactor Netty is not on the class path)");
		}
		this.properties = properties;
		this.sslBundle = sslBundle;
	}

	@Override
	public ClientHttpConnector create() {
		JdkClientHttpConnector connector = new JdkClientHttpConnector(httpClient());
		connector.setReadTimeout(this.properties.getReadTimeout());
		return connector;
	}

	HttpClient httpClient() {
		HttpClient.Builder client = HttpClient.newBuilder().connectTimeout(this.properties.getConnectTimeout());
		SslBundle bundle = this.sslBundle;
		if (bundle != null) {
			client.sslContext(bundle.createSslContext());
			SslOptions options = bundle.getOptions();
			if (options.isSpecified()) {
				SSLParameters parameters = new SSLParameters();
				parameters.setCipherSuites(options.getCiphers());
				parameters.setProtocols(options.getEnabledProtocols());
				client.sslParameters(parameters);
			}
		}
		return client.build();
	}

}
