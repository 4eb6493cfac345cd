package io.sendpulse.spring.internal.client;

import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.retry.Retry;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ClientWarmUp}.
 */
class ClientWarmUpTests {

	private final AtomicInteger builds = new AtomicInteger();

	private final AtomicInteger tasks = new AtomicInteger();

	private final SendPulseClient client = SendPulseClient.builder(() -> {
		this.builds.incrementAndGet();
		return WebClient.builder();
	}).apiKey("sk-warm-up").build();

	private final ClientWarmUp warmUp = new ClientWarmUp(this.client, () -> {
	}, (task) -> {
		this.tasks.incrementAndGet();
		task.run();
	});

	@AfterEach
	void clearSwitch() {
		System.clearProperty(ClientWarmUp.IGNORE_PROPERTY);
	}

	@Test
	void buildsTheWebClientOnceTheApplicationIsReady() {
		assertThat(this.builds).as("built with the client").hasValue(0);

		this.warmUp.onApplicationEvent(readyFor(this.warmUp));

		assertThat(this.builds).hasValue(1);
		this.client.prepare();
		assertThat(this.builds).as("built once").hasValue(1);
	}

	@Test
	void asksForTheRateLimiterAndRetryOnceTheApplicationIsReady() {
		AtomicInteger asked = new AtomicInteger();
		RateLimiter limiter = RateLimiter.ofDefaults("warm-up");
		Retry retry = Retry.ofDefaults("warm-up");
		SendPulseClient lazy = SendPulseClient.builder(WebClient::builder).apiKey("sk-warm-up").rateLimiter(() -> {
			asked.incrementAndGet();
			return limiter;
		}).retry(() -> {
			asked.incrementAndGet();
			return retry;
		}).build();
		assertThat(asked).as("asked for with the client").hasValue(0);

		ClientWarmUp warmUp = new ClientWarmUp(lazy, () -> {
		}, Runnable::run);
		warmUp.onApplicationEvent(readyFor(warmUp));

		assertThat(asked).hasValue(2);
		lazy.prepare();
		assertThat(asked).as("asked for once").hasValue(2);
	}

	@Test
	void isOffWithBootsSwitchForBackgroundPreinitialization() {
		System.setProperty(ClientWarmUp.IGNORE_PROPERTY, "true");

		this.warmUp.onApplicationEvent(readyFor(this.warmUp));

		assertThat(this.tasks).hasValue(0);
		assertThat(this.builds).hasValue(0);
	}

	@Test
	void aFailedWarmUpLeavesTheBuildToTheFirstCall() {
		AtomicInteger attempts = new AtomicInteger();
		SendPulseClient failing = SendPulseClient.builder(() -> {
			if (attempts.incrementAndGet() == 1) {
				throw new IllegalStateException("context closed");
			}
			return WebClient.builder();
		}).apiKey("sk-warm-up").build();

		ClientWarmUp warmUp = new ClientWarmUp(failing, () -> {
		}, Runnable::run);
		warmUp.onApplicationEvent(readyFor(warmUp));
		failing.prepare();

		assertThat(attempts).hasValue(2);
	}

	@Test
	void asksForWhatComesFromTheContextAsItStartsClosing() {
		AtomicInteger asked = new AtomicInteger();
		AtomicInteger fromContext = new AtomicInteger();
		SendPulseClient lazy = SendPulseClient.builder(() -> {
			this.builds.incrementAndGet();
			return WebClient.builder();
		}).apiKey("sk-warm-up").rateLimiter(() -> {
			asked.incrementAndGet();
			return RateLimiter.ofDefaults("warm-up");
		}).retry(() -> {
			asked.incrementAndGet();
			return Retry.ofDefaults("warm-up");
		}).build();
		ClientWarmUp warmUp = new ClientWarmUp(lazy, fromContext::incrementAndGet, Runnable::run);
		GenericApplicationContext context = new GenericApplicationContext();
		warmUp.setApplicationContext(context);
		GenericApplicationContext child = new GenericApplicationContext();
		child.setParent(context);

		warmUp.onApplicationEvent(new ContextClosedEvent(child));
		assertThat(asked).as("a child context's closing").hasValue(0);
		assertThat(fromContext).hasValue(0);

		warmUp.onApplicationEvent(new ContextClosedEvent(context));
		assertThat(asked).hasValue(2);
		assertThat(fromContext).hasValue(1);
		assertThat(this.builds).as("nothing built").hasValue(0);
	}

	@Test
	void listensToReadyAndClosedEventsOnly() {
		assertThat(this.warmUp.supportsEventType(ApplicationReadyEvent.class)).isTrue();
		assertThat(this.warmUp.supportsEventType(ContextClosedEvent.class)).isTrue();
		assertThat(this.warmUp.supportsEventType(ContextRefreshedEvent.class)).isFalse();
		assertThat(this.warmUp.supportsEventType(PayloadApplicationEvent.class)).isFalse();
	}

	@Test
	void aChildApplicationBeingReadyWarmsUpNothing() {
		GenericApplicationContext context = new GenericApplicationContext();
		this.warmUp.setApplicationContext(context);
		GenericApplicationContext child = new GenericApplicationContext();
		child.setParent(context);

		this.warmUp.onApplicationEvent(ready(child));

		assertThat(this.tasks).hasValue(0);
		assertThat(this.builds).hasValue(0);
	}

	@Test
	void aFailureToObtainTheRateLimiterBeforeCloseStillObtainsTheRest() {
		AtomicInteger fromContext = new AtomicInteger();
		SendPulseClient failing = SendPulseClient.builder(WebClient::builder).apiKey("sk-warm-up").rateLimiter(() -> {
			throw new IllegalStateException("no limiter");
		}).build();
		ClientWarmUp warmUp = new ClientWarmUp(failing, fromContext::incrementAndGet, Runnable::run);
		GenericApplicationContext context = new GenericApplicationContext();
		warmUp.setApplicationContext(context);

		warmUp.onApplicationEvent(new ContextClosedEvent(context));

		assertThat(fromContext).hasValue(1);
	}

	private static ApplicationReadyEvent readyFor(ClientWarmUp warmUp) {
		GenericApplicationContext context = new GenericApplicationContext();
		warmUp.setApplicationContext(context);
		return ready(context);
	}

	private static ApplicationReadyEvent ready(GenericApplicationContext context) {
		return new ApplicationReadyEvent(new SpringApplication(), new String[0], context, null);
	}

}
