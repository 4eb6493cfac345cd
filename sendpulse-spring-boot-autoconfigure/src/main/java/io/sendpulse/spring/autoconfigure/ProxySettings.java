package io.sendpulse.spring.autoconfigure;

import io.sendpulse.spring.internal.InvalidSendPulsePropertyException;

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
		// Empty is no proxy: what ${PROXY_HOST:} gives where there is none. Whitespace
		// only is a mistake, which would send the calls out directly as well.
		InvalidSendPulsePropertyException.notOnlyWhitespace("sendpulse.proxy.host", proxy.getHost(),
				"set it to the proxy's host name or address, or leave it empty or unset for no proxy");
		if (!StringUtils.hasText(proxy.getHost())) {
			// Credentials for no proxy: the calls would go out directly, unlike what was
			// meant.
			// Blank ones (${PROXY_USER:} where there is no proxy) are none.
			if (StringUtils.hasText(proxy.getUsername()) || StringUtils.hasText(proxy.getPassword())) {
				String property = StringUtils.hasText(proxy.getUsername()) ? "sendpulse.proxy.username"
						: "sendpulse.proxy.password";
				throw new InvalidSendPulsePropertyException(property,
						property + " is set without sendpulse.proxy.host: set the proxy's host, or leave both unset");
			}
			return false;
		}
		// Checked here, not when bound: Spring Boot's binding failure would show the
		// value, and a URL may carry credentials.
		String host = proxy.getHost();
		if (host.contains("/") || host.contains("@") || hasPort(host)) {
			throw new InvalidSendPulsePropertyException("sendpulse.proxy.host", "sendpulse.proxy.host must be a host "
					+ "name or address, without scheme, credentials or path (the port goes in sendpulse.proxy.port)");
		}
		if (proxy.getPassword() != null && proxy.getUsername() == null) {
			throw new InvalidSendPulsePropertyException("sendpulse.proxy.password",
					"sendpulse.proxy.password is set without sendpulse.proxy.username");
		}
		return true;
	}

	// proxy.internal:3128, not an IPv6 address (more than one colon, or in brackets).
	private static boolean hasPort(String host) {
		int colon = host.indexOf(':');
		return colon >= 0 && colon == host.lastIndexOf(':') && !host.startsWith("[");
	}

	static InvalidSendPulsePropertyException unsupported(String connector) {
		return new InvalidSendPulsePropertyException("sendpulse.proxy.host",
				"sendpulse.proxy.host needs the Reactor Netty HTTP connector, but the client uses " + connector
						+ "; configure the proxy on that connector instead, and leave sendpulse.proxy.* unset");
	}

}
