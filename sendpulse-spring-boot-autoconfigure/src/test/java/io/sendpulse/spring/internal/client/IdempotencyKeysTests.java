package io.sendpulse.spring.internal.client;

import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link IdempotencyKeys}.
 */
class IdempotencyKeysTests {

	@Test
	void keysAreRandomVersion4Uuids() {
		UUID key = UUID.fromString(IdempotencyKeys.next());
		assertThat(key.version()).isEqualTo(4);
		assertThat(key.variant()).isEqualTo(2);
	}

	@Test
	void keysMadeOnManyThreadsNeverRepeat() {
		Set<String> keys = ConcurrentHashMap.newKeySet();
		IntStream.range(0, 200_000).parallel().forEach((i) -> keys.add(IdempotencyKeys.next()));
		assertThat(keys).hasSize(200_000);
	}

}
