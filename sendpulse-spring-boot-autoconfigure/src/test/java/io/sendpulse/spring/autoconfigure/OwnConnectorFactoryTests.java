package io.sendpulse.spring.autoconfigure;

import java.time.Duration;

import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.Test;

import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connectors the starter builds itself, without Boot's
 * {@code spring-boot-http-client}: they carry {@code sendpulse.connect-timeout} and
 * {@code sendpulse.read-timeout}. (The read timeout, TLS and proxy are also tried against
 * servers, in {@link SendPulseSslBundleTests} and {@link SendPulseProxyTests}.)
 */
class OwnConnectorFactoryTests {

	private final SendPulseProperties properties = new SendPulseProperties();

	OwnConnectorFactoryTests() {
		this.properties.setConnectTimeout(Duration.ofSeconds(2));
		this.properties.setReadTimeout(Duration.ofSeconds(7));
	}

	@Test
	void reactorNettyCarriesTheTimeoutsAndFollowsNoRedirect() {
		ReactorNettyConnectorFactory factory = new ReactorNettyConnectorFactory(this.properties, null);
		var configuration = factory.httpClient().configuration();
		assertThat(configuration.options().get(ChannelOption.CONNECT_TIMEOUT_MILLIS)).isEqualTo(2000);
		assertThat(configuration.responseTimeout()).isEqualTo(Duration.ofSeconds(7));
		assertThat(configuration.followRedirectPredicate()).isNull();
		assertThat(factory.create()).isInstanceOf(ReactorClientHttpConnector.class);
		// Reactor Netty's global resources, taken at each connection.
		assertThat(factory.usesContextResources()).isFalse();
	}

	@Test
	void jdkCarriesTheConnectTimeoutAndFollowsNoRedirect() {
		JdkConnectorFactory factory = new JdkConnectorFactory(this.properties, null);
		assertThat(factory.httpClient().connectTimeout()).contains(Duration.ofSeconds(2));
		assertThat(factory.httpClient().followRedirects()).isEqualTo(java.net.http.HttpClient.Redirect.NEVER);
		assertThat(factory.create()).isInstanceOf(JdkClientHttpConnector.class);
		assertThat(factory.usesContextResources()).isFalse();
	}

}
