package io.sendpulse.spring.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What stands for an API key wherever one must be named without being revealed: the
 * limiter registry's keys, the Redis keys of the rate limit and of webhook deliveries.
 * One definition, so that all of them name a key alike.
 */
public final class ApiKeyHash {

	private ApiKeyHash() {
	}

	/**
	 * Return the lowercase hex SHA-256 of a key.
	 * @param apiKey the key
	 * @return the hash
	 */
	public static String of(String apiKey) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
