package io.sendpulse.spring.test.internal;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link LoopbackTargets}.
 */
class LoopbackTargetsTests {

	@ParameterizedTest
	@ValueSource(strings = { "http://localhost:8080/webhooks", "http://LOCALHOST/webhooks", "http://127.0.0.1:9/x",
			"https://127.4.5.6/x", "http://[::1]:8080/webhooks" })
	void allowsLoopback(String url) {
		assertThat(LoopbackTargets.isLoopback(URI.create(url))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://example.com/webhooks", "http://10.0.0.5:8080/webhooks", "http://0.0.0.0/x",
			"http://localhost.example.com/x", "http://127.0.0.1.nip.io/x", "http://[2001:db8::1]/x", "mailto:a@b.c" })
	void refusesEverythingElseWithoutLookingItUp(String url) {
		assertThat(LoopbackTargets.isLoopback(URI.create(url))).isFalse();
	}

	@Test
	void describesATargetWithoutItsPathOrQuery() {
		assertThat(LoopbackTargets.describe(URI.create("https://example.com:8443/hooks/abc?token=s3cr3t")))
			.isEqualTo("https://example.com:8443");
	}

}
