package io.sendpulse.spring.test.internal;

import org.jspecify.annotations.Nullable;

/**
 * One API key the sandbox accepts, with what the API keeps per key: its balance and its
 * rate window. {@code id} names the account in stores without holding the key.
 */
final class Account {

	private final String id;

	private final String apiKey;

	private final Balance balance;

	private final RateWindow rate;

	private final @Nullable String webhookSecret;

	Account(String id, String apiKey, Balance balance, RateWindow rate) {
		this(id, apiKey, balance, rate, null);
	}

	Account(String id, String apiKey, Balance balance, RateWindow rate, @Nullable String webhookSecret) {
		this.id = id;
		this.apiKey = apiKey;
		this.balance = balance;
		this.rate = rate;
		this.webhookSecret = webhookSecret;
	}

	/**
	 * The secret this account's webhooks are signed with, when it has one of its own.
	 */
	@Nullable String webhookSecret() {
		return this.webhookSecret;
	}

	String id() {
		return this.id;
	}

	String apiKey() {
		return this.apiKey;
	}

	Balance balance() {
		return this.balance;
	}

	RateWindow rate() {
		return this.rate;
	}

	@Override
	public String toString() {
		return "Account[" + this.id + ", apiKey=(hidden)]";
	}

}
