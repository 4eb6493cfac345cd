package io.sendpulse.spring.internal.webhook;

import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.sendpulse.spring.internal.webhook.DeliveryStore.Fingerprint;
import org.jspecify.annotations.Nullable;

/**
 * The deliveries published recently, so that a redelivery of the same signed body within
 * the tolerance window is not published again. Bounded in size and time: an entry lives
 * until its event's timestamp leaves the tolerance window (after that the verifier
 * rejects the body anyway), and past the capacity the oldest entries go first, whatever
 * the flood.
 */
final class RecentDeliveries {

	static final int DEFAULT_CAPACITY = 100_000;

	private final int capacity;

	// Insertion order, so the eldest entry is the first to evict; guarded by itself.
	private final LinkedHashMap<Fingerprint, Entry> expiries = new LinkedHashMap<>();

	RecentDeliveries(int capacity) {
		this.capacity = capacity;
	}

	/**
	 * Remember a delivery unless it is remembered already, atomically: of two identical
	 * deliveries arriving together, exactly one claims it.
	 * @return {@code null} when the delivery is new and now claimed by {@code entry},
	 * else the entry of the identical delivery that claimed it first
	 */
	@Nullable Entry claim(Fingerprint fingerprint, Entry entry, Instant now) {
		synchronized (this.expiries) {
			Entry existing = this.expiries.get(fingerprint);
			if (existing != null && existing.expiry.isAfter(now)) {
				return existing;
			}
			if (existing != null) {
				// Expired: take it out so that it goes back in at the young end.
				this.expiries.remove(fingerprint);
			}
			evictExpired(now);
			this.expiries.put(fingerprint, entry);
			if (this.expiries.size() > this.capacity) {
				Iterator<Fingerprint> eldest = this.expiries.keySet().iterator();
				eldest.next();
				eldest.remove();
			}
			return null;
		}
	}

	/**
	 * Forget a delivery whose publication failed, so that its redelivery is published.
	 */
	void remove(Fingerprint fingerprint, Entry entry) {
		synchronized (this.expiries) {
			this.expiries.remove(fingerprint, entry);
		}
	}

	int size() {
		synchronized (this.expiries) {
			return this.expiries.size();
		}
	}

	// From the eldest end, until the first live entry: amortised constant per delivery.
	private void evictExpired(Instant now) {
		Iterator<Map.Entry<Fingerprint, Entry>> entries = this.expiries.entrySet().iterator();
		while (entries.hasNext() && !entries.next().getValue().expiry.isAfter(now)) {
			entries.remove();
		}
	}

	/**
	 * A claimed delivery: remembered until its expiry; its result completes when its
	 * publication ends ({@code true} when the listeners succeeded), for the identical
	 * deliveries that arrive meanwhile to answer the same.
	 */
	static final class Entry {

		final Instant expiry;

		final CompletableFuture<Boolean> published = new CompletableFuture<>();

		Entry(Instant expiry) {
			this.expiry = expiry;
		}

	}

}
