package io.sendpulse.spring.internal;

import java.util.Locale;

/**
 * Why a command to Redis failed, in the words an operator needs: the failure's type and,
 * when Redis refused the credentials, that, since a wrong password otherwise reads as an
 * unreachable server. Never a message of the driver's, which may name hosts.
 */
public final class RedisFailures {

	private RedisFailures() {
	}

	/**
	 * Describe a failure.
	 * @param failure what the driver raised
	 * @return its type, and what Redis refused when it refused the credentials
	 */
	public static String describe(Throwable failure) {
		String type = failure.getClass().getSimpleName();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			// Redis's own error codes, which name nothing secret.
			String message = String.valueOf(cause.getMessage()).toUpperCase(Locale.ROOT);
			if (message.contains("WRONGPASS") || message.contains("INVALID PASSWORD")) {
				return type + ": Redis refused the credentials (WRONGPASS); check the user name and password in "
						+ "spring.data.redis.*";
			}
			if (message.contains("NOAUTH")) {
				return type + ": Redis asks for a password (NOAUTH); set it in spring.data.redis.*";
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return type;
	}

}
