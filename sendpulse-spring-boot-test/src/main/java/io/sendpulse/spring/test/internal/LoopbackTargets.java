package io.sendpulse.spring.test.internal;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Where the sandbox may post webhooks: loopback only. {@code localhost} and IP literals
 * in 127.0.0.0/8 or {@code ::1}; any other host name is refused without a DNS lookup, so
 * that no resolver (or rebinding trick) can turn a name into a way off the machine.
 */
final class LoopbackTargets {

	private static final Pattern IPV4 = Pattern.compile("[0-9]{1,3}(\\.[0-9]{1,3}){3}");

	private LoopbackTargets() {
	}

	static boolean isLoopback(URI target) {
		String host = target.getHost();
		if (host == null) {
			return false;
		}
		host = host.toLowerCase(Locale.ROOT);
		if (host.startsWith("[") && host.endsWith("]")) {
			host = host.substring(1, host.length() - 1);
		}
		if ("localhost".equals(host)) {
			return true;
		}
		if (!IPV4.matcher(host).matches() && !host.contains(":")) {
			return false;
		}
		try {
			// An IP literal: parsed, never looked up.
			return InetAddress.getByName(host).isLoopbackAddress();
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	// Scheme, host and port: never the path or query, which may carry a token.
	static String describe(@Nullable URI target) {
		if (target == null) {
			return "nowhere";
		}
		return target.getScheme() + "://" + target.getHost() + ((target.getPort() >= 0) ? ":" + target.getPort() : "");
	}

}
