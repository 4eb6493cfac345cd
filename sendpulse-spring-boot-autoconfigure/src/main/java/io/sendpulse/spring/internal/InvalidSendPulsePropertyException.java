package io.sendpulse.spring.internal;

import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A {@code sendpulse.*} property whose value breaks a rule that is checked when the beans
 * using it are made rather than when it is bound: a sender checked as the API checks it,
 * an account's API key, a webhook secret. Spring Boot's binding failure would print the
 * value, which may be a phone number or a secret; the message here names the property and
 * the rule, and shows no more of the value than the rule's own message does (a phone
 * number masked, a key or secret never).
 */
public final class InvalidSendPulsePropertyException extends IllegalArgumentException {

	// ${NAME}, NAME as properties and environment variables are named; with a default
	// it would have been resolved, unless the default holds one such.
	private static final Pattern NAMED_PLACEHOLDER = Pattern.compile("\\$\\{[A-Za-z0-9_.\\-\\[\\]]+}");

	private final String property;

	/**
	 * Create an exception.
	 * @param property the property, such as {@code sendpulse.sms.from}
	 * @param message what is wrong with it, naming it
	 */
	public InvalidSendPulsePropertyException(String property, String message) {
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
		catch (InvalidSendPulsePropertyException ex) {
			throw ex;
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidSendPulsePropertyException(property, String.valueOf(ex.getMessage()));
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
		int start = value.indexOf("${");
		int end = (start >= 0) ? value.indexOf('}', start) : -1;
		if (end > start) {
			String placeholder = placeholderIn(value);
			throw new InvalidSendPulsePropertyException(property,
					property + " holds a placeholder that could not be resolved"
							+ ((placeholder != null) ? ", " + placeholder : "")
							+ ": define what it names (an environment variable, for example)");
		}
		return value;
	}

	/**
	 * Refuse a value of whitespace only. Spring Boot binds it as no value where the
	 * property is an enum, and the starter reads a blank host as none, so the default
	 * would apply without a word. An empty value is not refused: it is what an unset
	 * {@code ${NAME:}} gives, and means the default.
	 * @param property the property
	 * @param value its value as written, placeholders resolved
	 * @param instead what to set instead, such as {@code set it to memory or redis}
	 */
	public static void notOnlyWhitespace(String property, @Nullable String value, String instead) {
		if (value != null && !value.isEmpty() && value.isBlank()) {
			throw new InvalidSendPulsePropertyException(property, property + " holds only whitespace: " + instead);
		}
	}

	/**
	 * The placeholder a bound value holds, to show in a message: only when it names a
	 * property or a variable ({@code ${SENDPULSE_API_KEY}}), never a part of the value
	 * that merely looks like one and may belong to a secret.
	 * @param value the bound value
	 * @return the placeholder, or {@code null}
	 */
	public static @Nullable String placeholderIn(String value) {
		Matcher matcher = NAMED_PLACEHOLDER.matcher(value);
		return matcher.find() ? matcher.group() : null;
	}

}
