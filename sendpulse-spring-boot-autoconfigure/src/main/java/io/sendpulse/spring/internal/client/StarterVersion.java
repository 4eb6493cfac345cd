package io.sendpulse.spring.internal.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The starter's version, from a resource Maven writes at build time, for the
 * {@code User-Agent} header.
 */
final class StarterVersion {

	private static final String USER_AGENT = "sendpulse-spring-boot/" + read() + " (Java " + Runtime.version().feature()
			+ ")";

	private StarterVersion() {
	}

	static String userAgent() {
		return USER_AGENT;
	}

	private static String read() {
		try (InputStream in = StarterVersion.class.getResourceAsStream("sendpulse-spring-boot.properties")) {
			if (in == null) {
				return "unknown";
			}
			Properties properties = new Properties();
			properties.load(in);
			return properties.getProperty("version", "unknown");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
