package io.sendpulse.spring.internal.client;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AttemptDeadline}.
 */
class AttemptDeadlineTests {

	@Test
	void anAttemptThatOutlastsItsDeadlineIsCancelledAndFailsWithATimeout() {
		AtomicBoolean cancelled = new AtomicBoolean();
		Mono<String> attempt = Mono.<String>never().doOnCancel(() -> cancelled.set(true));

		StepVerifier.create(AttemptDeadline.within(attempt, Duration.ofMillis(50)))
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOf(TimeoutException.class).hasMessageContaining("50ms"))
			.verify(Duration.ofSeconds(5));
		assertThat(cancelled).isTrue();
	}

	@Test
	void anAnswerWithinTheDeadlinePassesThrough() {
		Mono<String> attempt = Mono.delay(Duration.ofMillis(20)).thenReturn("answer");

		StepVerifier.create(AttemptDeadline.within(attempt, Duration.ofSeconds(5)))
			.expectNext("answer")
			.expectComplete()
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void aFailureWithinTheDeadlineSurfacesAsItIs() {
		Mono<String> attempt = Mono.error(new IllegalStateException("refused"));

		StepVerifier.create(AttemptDeadline.within(attempt, Duration.ofSeconds(5)))
			.expectErrorMessage("refused")
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void aCallerThatCancelsCancelsTheAttempt() {
		AtomicBoolean cancelled = new AtomicBoolean();
		Mono<String> attempt = Mono.<String>never().doOnCancel(() -> cancelled.set(true));

		StepVerifier.create(AttemptDeadline.within(attempt, Duration.ofSeconds(5))).thenCancel().verify();
		assertThat(cancelled).isTrue();
	}

}
