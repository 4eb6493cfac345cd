package io.sendpulse.spring.test.internal;

/**
 * One API key the sandbox accepts, with what the API keeps per key: its balance and its
 * rate window. {@code id} names the account in stores without holding the key.
 */
final class Account {

	private final String id;

	private final String apiKey;

	private final Balance balance;

	private final RateWindow rate;

	Account(String id, String apiKey, Balance balance, RateWindow rate) {
		this.id = id;
		this.apiKey = apiKey;
		this.balance = balance;
		this.rate = rate;
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
