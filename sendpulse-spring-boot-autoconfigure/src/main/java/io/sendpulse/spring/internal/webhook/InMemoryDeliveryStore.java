package io.sendpulse.spring.internal.webhook;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.sendpulse.spring.internal.webhook.RecentDeliveries.Entry;

/**
 * The deliveries of this JVM alone, in a bounded {@link RecentDeliveries} per namespace:
 * the default store, and the local layer of a shared one.
 */
public final class InMemoryDeliveryStore implements DeliveryStore {

	private final int capacity;

	private final ConcurrentMap<String, RecentDeliveries> namespaces = new ConcurrentHashMap<>();

	/**
	 * Create a store that remembers up to 100,000 deliveries per namespace.
	 */
	public InMemoryDeliveryStore() {
		this(RecentDeliveries.DEFAULT_CAPACITY);
	}

	InMemoryDeliveryStore(int capacity) {
		this.capacity = capacity;
	}

	@Override
	public CompletableFuture<Claim> claim(String namespace, Fingerprint fingerprint, Instant now, Instant expiry) {
		return CompletableFuture.completedFuture(claimNow(namespace, fingerprint, now, expiry));
	}

	/**
	 * Claim a delivery at once, as {@link #claim} does.
	 * @param namespace whose deliveries these are
	 * @param fingerprint the body's fingerprint
	 * @param now the current time
	 * @param expiry until when a published delivery is remembered
	 * @return the claim
	 */
	public Claim claimNow(String namespace, Fingerprint fingerprint, Instant now, Instant expiry) {
		RecentDeliveries deliveries = this.namespaces.computeIfAbsent(namespace,
				(name) -> new RecentDeliveries(this.capacity));
		Entry entry = new Entry(expiry);
		Entry first = deliveries.claim(fingerprint, entry, now);
		if (first != null) {
			return Claim.copyOf(first.published);
		}
		return Claim.owned(() -> entry.published.complete(true), () -> {
			// Forgotten first, so that no later copy is taken for a duplicate of a
			// failure.
			deliveries.remove(fingerprint, entry);
			entry.published.complete(false);
		});
	}

	int size() {
		return this.namespaces.values().stream().mapToInt(RecentDeliveries::size).sum();
	}

}
