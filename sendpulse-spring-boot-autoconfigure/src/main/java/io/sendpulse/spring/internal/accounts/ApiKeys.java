package io.sendpulse.spring.internal.accounts;

import org.jspecify.annotations.Nullable;

/**
 * The rules of an API key the application hands over. No message here ever shows a key.
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

}
