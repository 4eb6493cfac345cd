package io.sendpulse.spring.internal;

import java.util.function.Supplier;

/**
 * A {@code sendpulse.*} property whose value breaks a rule that is checked when the beans
 * using it are made rather than when it is bound: a sender checked as the API checks it,
 * an account's API key, a webhook secret. Spring Boot's binding failure would print the
 * value, which may be a phone number or a secret; the message here names the property and
 * the rule, and shows no more of the value than the rule's own message does (a phone
 * number masked, a key or secret never).
 */
public final class InvalidPropertyException extends IllegalArgumentException {

	private final String property;

	/**
	 * Create an exception.
	 * @param property the property, such as {@code sendpulse.sms.from}
	 * @param message what is wrong with it, naming it
	 */
	public InvalidPropertyException(String property, String message) {
		super(message);
		this.property = property;
	}

	/**
	 * Return the property whose value is wrong.
	 * @return its name
	 */
	public String getProperty() {
		return this.property;
	}

	/**
	 * Check a property's value with a rule that throws an
	 * {@link IllegalArgumentException} naming the property, and report a broken rule as
	 * this exception.
	 * @param <T> the checked value's type
	 * @param property the property
	 * @param check the rule applied to the value
	 * @return what the rule returned
	 */
	public static <T> T check(String property, Supplier<T> check) {
		try {
			return check.get();
		}
		catch (InvalidPropertyException ex) {
			throw ex;
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidPropertyException(property, String.valueOf(ex.getMessage()));
		}
	}

	/**
	 * Refuse a value that is a placeholder Spring could not resolve. Spring Boot binds
	 * {@code ${SENDPULSE_WEBHOOK_SECRET}} as those very characters when nothing defines
	 * {@code SENDPULSE_WEBHOOK_SECRET}: taken for a secret, it would be one anybody can
	 * read in the application's configuration.
	 * @param property the property
	 * @param value its bound value
	 * @return the value
	 */
	public static String resolved(String property, String value) {
		if (isUnresolvedPlaceholder(value)) {
			// The placeholder alone: whatever surrounds it may be part of a secret.
			int start = value.indexOf("${");
			String placeholder = value.substring(start, value.indexOf('}', start) + 1);
			throw new InvalidPropertyException(property, property + " holds a placeholder that could not be resolved, "
					+ placeholder + ": define what it names (an environment variable, for example)");
		}
		return value;
	}

	/**
	 * Whether a bound value still holds a placeholder, which Spring Boot's binding leaves
	 * as written when it cannot resolve it.
	 * @param value the bound value
	 * @return whether it does
	 */
	public static boolean isUnresolvedPlaceholder(String value) {
		int start = value.indexOf("${");
		return start >= 0 && value.indexOf('}', start) > start;
	}

}
