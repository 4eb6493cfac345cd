package io.sendpulse.spring.internal.verify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for the body of a code check.
 */
class CheckBodyTests {

	@Test
	void hidesTheCodeInToString() {
		assertThat(new DefaultReactiveVerifyTemplate.CheckBody("vrf_1", "482901").toString()).contains("vrf_1")
			.doesNotContain("482901");
	}

}
