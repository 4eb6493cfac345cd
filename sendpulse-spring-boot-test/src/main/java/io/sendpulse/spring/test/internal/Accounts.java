package io.sendpulse.spring.test.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Authentication: the {@code Authorization: Bearer <api key>} of a request names one of
 * the sandbox's accounts, or the request is answered 401. Every key is compared in
 * constant time, and a refusal never echoes what was sent.
 */
final class Accounts {

	private final List<Account> accounts;

	private final List<byte[]> bearers;

	Accounts(List<SandboxSettings.Account> settings) {
		Assert.notEmpty(settings, "The sandbox needs at least one API key");
		List<Account> accounts = new ArrayList<>();
		List<byte[]> bearers = new ArrayList<>();
		Set<String> keys = new HashSet<>();
		for (SandboxSettings.Account account : settings) {
			Assert.isTrue(keys.add(account.apiKey()), "Each sandbox API key must be different");
			accounts.add(new Account("account-" + (accounts.size() + 1), account.apiKey(),
					new Balance(account.balance()), new RateWindow(account.rateLimit()), account.webhookSecret()));
			bearers.add(("Bearer " + account.apiKey()).getBytes(StandardCharsets.UTF_8));
		}
		this.accounts = List.copyOf(accounts);
		this.bearers = List.copyOf(bearers);
	}

	Account authenticate(@Nullable String authorization) {
		byte[] given = (authorization != null) ? authorization.getBytes(StandardCharsets.UTF_8) : new byte[0];
		Account found = null;
		// No early exit: the time taken does not tell which key came close.
		for (int i = 0; i < this.accounts.size(); i++) {
			if (MessageDigest.isEqual(given, this.bearers.get(i)) && found == null) {
				found = this.accounts.get(i);
			}
		}
		if (found == null) {
			throw new ApiProblem(401, ApiProblem.UNAUTHORIZED,
					"Missing or invalid API key: send Authorization: Bearer <api key>", null);
		}
		return found;
	}

	Account primary() {
		return this.accounts.get(0);
	}

	Account get(String apiKey) {
		for (Account account : this.accounts) {
			if (account.apiKey().equals(apiKey)) {
				return account;
			}
		}
		throw new IllegalArgumentException("The sandbox accepts no such API key");
	}

	/**
	 * The secret an account's webhooks are signed with, when it has one of its own.
	 */
	@Nullable String webhookSecret(String accountId) {
		for (Account account : this.accounts) {
			if (account.id().equals(accountId)) {
				return account.webhookSecret();
			}
		}
		return null;
	}

	/**
	 * The API key of an account.
	 */
	@Nullable String apiKey(String accountId) {
		for (Account account : this.accounts) {
			if (account.id().equals(accountId)) {
				return account.apiKey();
			}
		}
		return null;
	}

	List<Account> all() {
		return this.accounts;
	}

	/**
	 * Restore every balance and forget the calls counted against every rate limit.
	 */
	void reset() {
		for (Account account : this.accounts) {
			account.balance().restore();
			account.rate().clear();
		}
	}

}
