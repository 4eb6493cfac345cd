package io.sendpulse.spring.internal.accounts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;

/**
 * The rules of an API key the application hands over, and the hash that stands for it
 * wherever a key would otherwise be held as a name. No message here ever shows a key.
 */
public final class ApiKeys {

	private ApiKeys() {
	}

	/**
	 * Check a key and strip it (a key read from a file often ends in a newline).
	 * @param apiKey the key
	 * @param what what the key is, for the message, such as
	 * {@code sendpulse.accounts.eu.api-key}
	 * @return the stripped key
	 * @throws IllegalArgumentException naming the rule broken, never the key
	 */
	public static String checked(@Nullable String apiKey, String what) {
		if (apiKey == null || apiKey.isBlank()) {
			throw new IllegalArgumentException(what + " must not be blank");
		}
		String stripped = apiKey.strip();
		for (int i = 0; i < stripped.length(); i++) {
			char c = stripped.charAt(i);
			// What an Authorization header can carry as a bearer token.
			if (c <= ' ' || c > '~') {
				throw new IllegalArgumentException(
						what + " must be printable ASCII without spaces (it is sent as a bearer token)");
			}
		}
		return stripped;
	}

	/**
	 * Return the SHA-256 of a key, in hex: a name for the key that does not reveal it.
	 * @param apiKey the key
	 * @return the hash
	 */
	public static String hash(String apiKey) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
