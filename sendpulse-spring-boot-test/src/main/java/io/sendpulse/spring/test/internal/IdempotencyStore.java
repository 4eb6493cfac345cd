package io.sendpulse.spring.test.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * {@code Idempotency-Key}: the first successful answer to a key is stored for 24 hours,
 * per account and path, and replayed to every repeat of the key instead of handling it
 * again. A key reused with another body is answered 400; a failed answer is not stored,
 * so a retry after it is handled anew.
 */
final class IdempotencyStore {

	static final Duration WINDOW = Duration.ofHours(24);

	private final SandboxScheduler scheduler;

	private final Map<String, Stored> stored = new ConcurrentHashMap<>();

	IdempotencyStore(SandboxScheduler scheduler) {
		this.scheduler = scheduler;
	}

	Reply once(Account account, String path, @Nullable String key, byte[] body, Supplier<Reply> call) {
		if (key == null || key.isEmpty()) {
			return call.get();
		}
		int bodyHash = Arrays.hashCode(body);
		Instant now = this.scheduler.now();
		Reply[] reply = new Reply[1];
		// compute() makes a concurrent retry with the same key wait for the first, never
		// send twice.
		this.stored.compute(account.id() + ' ' + path + ' ' + key, (storeKey, stored) -> {
			if (stored != null && stored.expiresAt().isAfter(now)) {
				if (stored.bodyHash() != bodyHash) {
					throw ApiProblem.invalid(WireHeaders.IDEMPOTENCY_KEY,
							"This Idempotency-Key was already used with a different request body");
				}
				reply[0] = stored.reply().asReplay();
				return stored;
			}
			reply[0] = call.get();
			return (reply[0].status() == 200) ? new Stored(reply[0], bodyHash, now.plus(WINDOW)) : null;
		});
		return reply[0];
	}

	void purgeExpired() {
		Instant now = this.scheduler.now();
		this.stored.values().removeIf((stored) -> !stored.expiresAt().isAfter(now));
	}

	void clear() {
		this.stored.clear();
	}

	private record Stored(Reply reply, int bodyHash, Instant expiresAt) {

	}

}
