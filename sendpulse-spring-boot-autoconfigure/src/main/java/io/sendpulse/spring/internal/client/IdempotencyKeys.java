package io.sendpulse.spring.internal.client;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Makes the {@code Idempotency-Key} of each logical call: a random (version 4) UUID with
 * 122 bits from a cryptographically strong generator. A key that repeats within the API's
 * 24 h window would make it answer a new message with an old one, silently dropping it,
 * so neither a fast statistical generator nor a predictable seed will do. Each thread has
 * its own DRBG, so that calls on many threads never wait for one lock, as they would on
 * the single generator behind {@link UUID#randomUUID()}.
 */
final class IdempotencyKeys {

	private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(IdempotencyKeys::strongRandom);

	private IdempotencyKeys() {
	}

	static String next() {
		byte[] bytes = new byte[16];
		RANDOM.get().nextBytes(bytes);
		long high = 0;
		long low = 0;
		for (int i = 0; i < 8; i++) {
			high = (high << 8) | (bytes[i] & 0xFF);
			low = (low << 8) | (bytes[i + 8] & 0xFF);
		}
		high = (high & ~0xF000L) | 0x4000L;
		low = (low & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low).toString();
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
