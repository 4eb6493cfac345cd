package io.sendpulse.spring.internal.accounts;

import java.util.regex.Pattern;

import io.sendpulse.spring.accounts.SendPulseAccounts;

/**
 * The rule of account names: they become property keys, metric tags and log words, so
 * they are short and plain.
 */
public final class AccountNames {

	private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");

	private AccountNames() {
	}

	/**
	 * Check a configured account's name.
	 * @param name the name, a key of {@code sendpulse.accounts}
	 * @return the name
	 * @throws IllegalArgumentException naming the name and the rule
	 */
	public static String configured(String name) {
		if (!NAME.matcher(name).matches()) {
			throw new IllegalArgumentException("sendpulse.accounts." + name
					+ ": an account name may only hold letters, digits, '-' and '_' (at most 64)");
		}
		if (SendPulseAccounts.DEFAULT.equals(name)) {
			throw new IllegalArgumentException("sendpulse.accounts.default: 'default' is the name of the top-level "
					+ "account (sendpulse.api-key); give this account another name");
		}
		return name;
	}

	/**
	 * Check a run-time account's name. It is not echoed when it breaks the rule: it may
	 * be a key passed in its place.
	 * @param name the name
	 * @return the name
	 * @throws IllegalArgumentException naming the rule
	 */
	public static String runtime(String name) {
		if (name == null || !NAME.matcher(name).matches()) {
			throw new IllegalArgumentException(
					"A run-time account's name may only hold letters, digits, '-' and '_' (1 to 64)");
		}
		return name;
	}

}
