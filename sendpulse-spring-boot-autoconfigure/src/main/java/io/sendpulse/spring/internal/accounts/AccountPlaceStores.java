package io.sendpulse.spring.internal.accounts;

import io.sendpulse.spring.internal.ratelimit.InMemoryPlaceStore;
import io.sendpulse.spring.internal.ratelimit.PlaceStore;

/**
 * Makes the {@link PlaceStore} of an account's key: in this JVM, or in the shared store
 * under the key's hash, so that every instance using the key shares its places.
 */
@FunctionalInterface
public interface AccountPlaceStores {

	/** Places in this JVM. */
	AccountPlaceStores MEMORY = (apiKey, rateLimit) -> new InMemoryPlaceStore();

	/**
	 * Make the store of a key's places.
	 * @param apiKey the key
	 * @param rateLimit the key's limit
	 * @return the store
	 */
	PlaceStore create(String apiKey, AccountSettings.RateLimit rateLimit);

}
