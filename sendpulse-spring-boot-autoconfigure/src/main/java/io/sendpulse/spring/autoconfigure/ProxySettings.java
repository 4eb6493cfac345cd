package io.sendpulse.spring.autoconfigure;

import org.springframework.util.Assert;
import org.springframework.util.StringUtils;

/**
 * Whether {@code sendpulse.proxy.*} asks for a proxy, checked when the client's settings
 * are (a password without a user name fails the start). Apart from {@link SendPulseProxy}
 * because it must not need Reactor Netty.
 */
final class ProxySettings {

	private ProxySettings() {
	}

	static boolean isSet(SendPulseProperties.Proxy proxy) {
		if (!StringUtils.hasText(proxy.getHost())) {
			return false;
		}
		Assert.state(proxy.getPassword() == null || proxy.getUsername() != null,
				"sendpulse.proxy.password is set without sendpulse.proxy.username");
		return true;
	}

	static IllegalStateException unsupported(String connector) {
		return new IllegalStateException("sendpulse.proxy.host needs the Reactor Netty HTTP connector, but the client "
				+ "uses " + connector + "; configure the proxy on that connector instead");
	}

}
