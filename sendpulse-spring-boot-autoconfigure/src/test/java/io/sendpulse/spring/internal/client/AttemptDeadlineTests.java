package io.sendpulse.spring.internal.client;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

	@Test
	void everyAttemptFailsAtItsOwnDeadlineNeverBeforeAndSoonAfter() {
		// Attempts started over 200 ms from several threads, each with its own deadline
		// of 100 to 300 ms.
		List<Long> lateness = Flux.range(0, 400)
			.flatMap((i) -> Mono.delay(Duration.ofMillis(i % 200), Schedulers.parallel()).flatMap((tick) -> {
				long deadline = Duration.ofMillis(100 + (i % 3) * 100).toNanos();
				long start = System.nanoTime();
				return AttemptDeadline.within(Mono.<Long>never(), Duration.ofNanos(deadline))
					.onErrorResume(TimeoutException.class, (ex) -> Mono.just(System.nanoTime() - start - deadline));
			}), 400)
			.collectList()
			.block(Duration.ofSeconds(30));

		assertThat(lateness).hasSize(400).allSatisfy((late) -> assertThat(late).isNotNegative());
		// One tick (10 ms) late at most, and what a busy machine adds to any timer.
		assertThat(lateness.stream().sorted().toList().get(200)).isLessThan(Duration.ofMillis(250).toNanos());
	}

	@Test
	void nothingChecksDeadlinesOnceNoAttemptIsUnderWay() {
		StepVerifier.create(AttemptDeadline.within(Mono.delay(Duration.ofMillis(30)), Duration.ofSeconds(30)))
			.expectNext(0L)
			.expectComplete()
			.verify(Duration.ofSeconds(5));
		StepVerifier.create(AttemptDeadline.within(Mono.<Long>never(), Duration.ofMillis(20)))
			.expectError(TimeoutException.class)
			.verify(Duration.ofSeconds(5));

		await().atMost(Duration.ofSeconds(5)).until(() -> !AttemptDeadline.checking());
		// And the next attempt still gets its deadline.
		StepVerifier.create(AttemptDeadline.within(Mono.<Long>never(), Duration.ofMillis(20)))
			.expectError(TimeoutException.class)
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void aDeadlineFiresWhileAnApplicationRunsOnVirtualTime() {
		VirtualTimeScheduler.getOrSet();
		try {
			StepVerifier.create(AttemptDeadline.within(Mono.<Long>never(), Duration.ofMillis(20)))
				.expectError(TimeoutException.class)
				.verify(Duration.ofSeconds(5));
		}
		finally {
			VirtualTimeScheduler.reset();
		}
		StepVerifier.create(AttemptDeadline.within(Mono.<Long>never(), Duration.ofMillis(20)))
			.expectError(TimeoutException.class)
			.verify(Duration.ofSeconds(5));
	}

}
