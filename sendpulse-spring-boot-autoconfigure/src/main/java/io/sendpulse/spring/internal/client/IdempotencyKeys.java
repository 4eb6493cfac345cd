package io.sendpulse.spring.internal.client;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * Makes the {@code Idempotency-Key} of each logical call: a random (version 4) UUID with
 * 122 bits from a cryptographically strong generator. A key that repeats within the API's
 * 24 h window would make it answer a new message with an old one, silently dropping it,
 * so neither a fast statistical generator nor a predictable seed will do.
 * <p>
 * The keys come from a few DRBGs, picked by thread, rather than the single generator
 * behind {@link UUID#randomUUID()}, so that calls on many threads seldom wait for one
 * lock; and not one per thread, which would seed a new generator for every virtual
 * thread. Each generator makes the bytes of {@value #KEYS_PER_DRAW} keys at a time: a
 * draw costs about as much for 16 bytes as for 512.
 */
final class IdempotencyKeys {

	static final int KEYS_PER_DRAW = 32;

	private static final Generator[] generators = generators();

	private IdempotencyKeys() {
	}

	static String next() {
		Thread thread = Thread.currentThread();
		// The identity hash mixed (Fibonacci hashing), so that threads whose hashes
		// differ only in a few bits still spread over the generators.
		int hash = System.identityHashCode(thread) * 0x9E3779B9;
		return generators[(hash >>> 16) & (generators.length - 1)].next();
	}

	private static Generator[] generators() {
		// A power of two, at least four per processor.
		int count = Integer.highestOneBit(Runtime.getRuntime().availableProcessors() * 8 - 1);
		Generator[] generators = new Generator[count];
		for (int i = 0; i < count; i++) {
			generators[i] = new Generator();
		}
		return generators;
	}

	/** One DRBG and the bytes it drew that no key has used yet. */
	private static final class Generator {

		/** Made at its first key, so that only generators in use are ever seeded. */
		private @Nullable SecureRandom random;

		private final byte[] bytes = new byte[16 * KEYS_PER_DRAW];

		/** Where the next key's bytes start; the whole length when all are used. */
		private int next = this.bytes.length;

		synchronized String next() {
			if (this.next == this.bytes.length) {
				SecureRandom random = this.random;
				if (random == null) {
					random = strongRandom();
					this.random = random;
				}
				random.nextBytes(this.bytes);
				this.next = 0;
			}
			long high = 0;
			long low = 0;
			for (int i = this.next; i < this.next + 8; i++) {
				high = (high << 8) | (this.bytes[i] & 0xFF);
				low = (low << 8) | (this.bytes[i + 8] & 0xFF);
			}
			this.next += 16;
			high = (high & ~0xF000L) | 0x4000L;
			low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
			return new UUID(high, low).toString();
		}

	}

	private static SecureRandom strongRandom() {
		try {
			return SecureRandom.getInstance("DRBG");
		}
		catch (NoSuchAlgorithmException ex) {
			return new SecureRandom();
		}
	}

}
