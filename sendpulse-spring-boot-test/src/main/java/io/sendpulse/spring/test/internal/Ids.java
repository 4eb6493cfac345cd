package io.sendpulse.spring.test.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids ({@code msg_…}, {@code call_…}, {@code vrf_…}, {@code rec_…}: 16 hex digits) and
 * verification codes. Not secure random: nothing here protects a real account.
 */
final class Ids {

	private Ids() {
	}

	static String next(String prefix) {
		return prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() | Long.MIN_VALUE);
	}

	static String code(int length) {
		StringBuilder code = new StringBuilder(length);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < length; i++) {
			code.append((char) ('0' + random.nextInt(10)));
		}
		return code.toString();
	}

}
