package io.sendpulse.spring.internal;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The one mapping between the API's enum values and our enum constants: a value is the
 * constant's name in lower case ({@code IN_PROGRESS} is {@code in_progress}), and a value
 * this version does not know maps to the enum's unknown constant, never to an exception.
 *
 * @param <E> the enum type
 */
public final class WireNames<E extends Enum<E>> {

	private final String[] values;

	private final Map<String, E> constants = new HashMap<>();

	private final E unknown;

	private WireNames(Class<E> type, E unknown) {
		E[] all = type.getEnumConstants();
		this.values = new String[all.length];
		for (E constant : all) {
			String value = constant.name().toLowerCase(Locale.ROOT);
			this.values[constant.ordinal()] = value;
			this.constants.put(value, constant);
		}
		this.unknown = unknown;
	}

	/**
	 * Create the mapping of an enum.
	 * @param <E> the enum type
	 * @param type the enum type
	 * @param unknown the constant for values this version does not know
	 * @return the mapping
	 */
	public static <E extends Enum<E>> WireNames<E> of(Class<E> type, E unknown) {
		return new WireNames<>(type, unknown);
	}

	/**
	 * Return the API's value of a constant.
	 * @param constant the constant
	 * @return its wire value
	 */
	public String value(E constant) {
		return this.values[constant.ordinal()];
	}

	/**
	 * Return the constant an API value names.
	 * @param value the wire value
	 * @return the constant, the unknown one for a value this version does not know
	 */
	public E of(@Nullable String value) {
		E constant = (value != null) ? this.constants.get(value) : null;
		return (constant != null) ? constant : this.unknown;
	}

}
