package io.sendpulse.spring.internal.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.sendpulse.spring.webhook.WebhookSignatureVerifier;
import io.sendpulse.spring.webhook.WebhookSigner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import org.springframework.context.ApplicationEventPublisher;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class WebhookProcessorTests {

	private static final String SECRET = "whsec_test";

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-15T10:30:00Z"));

	private final Queue<Object> published = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean failNext = new AtomicBoolean();

	private volatile CountDownLatch listenerEntered = new CountDownLatch(0);

	private volatile CountDownLatch listenerReleased = new CountDownLatch(0);

	private final ApplicationEventPublisher publisher = (event) -> {
		this.published.add(event);
		this.listenerEntered.countDown();
		await(this.listenerReleased);
		if (this.failNext.getAndSet(false)) {
			throw new IllegalStateException("listener failed");
		}
	};

	private final WebhookSignatureVerifier verifier = new WebhookSignatureVerifier(List.of(SECRET),
			Duration.ofMinutes(5), this.clock);

	private final WebhookProcessor processor = new WebhookProcessor(this.verifier, this.publisher, 1024, this.clock,
			100, Duration.ofSeconds(1));

	@Test
	void publishesANewDeliveryOnceAndAcknowledgesItsRedelivery() {
		byte[] body = sms("msg_1", this.clock.instant());
		assertThat(process(body)).isEqualTo(WebhookOutcome.PUBLISHED);
		assertThat(process(body)).isEqualTo(WebhookOutcome.DUPLICATE);
		assertThat(this.published).hasSize(1);
	}

	@Test
	void publishesARedeliveryAfterAListenerFailed() {
		byte[] body = sms("msg_1", this.clock.instant());
		this.failNext.set(true);
		assertThat(process(body)).isEqualTo(WebhookOutcome.LISTENER_FAILED);
		assertThat(process(body)).isEqualTo(WebhookOutcome.PUBLISHED);
		assertThat(process(body)).isEqualTo(WebhookOutcome.DUPLICATE);
		assertThat(this.published).hasSize(2);
	}

	@Test
	void answersEachRejectionWithoutPublishing() {
		byte[] body = sms("msg_1", this.clock.instant());
		assertThat(this.processor.process(body, null)).isEqualTo(WebhookOutcome.INVALID_SIGNATURE);
		assertThat(process(sms("msg_2", this.clock.instant().minus(Duration.ofMinutes(6)))))
			.isEqualTo(WebhookOutcome.OUTSIDE_TOLERANCE);
		assertThat(process("{}".getBytes(StandardCharsets.UTF_8))).isEqualTo(WebhookOutcome.MALFORMED);
		assertThat(process(new byte[1025])).isEqualTo(WebhookOutcome.TOO_LARGE);
		assertThat(this.published).isEmpty();
	}

	@Test
	void publishesExactlyOneOfManyIdenticalDeliveriesArrivingTogether() throws Exception {
		byte[] body = sms("msg_1", this.clock.instant());
		List<WebhookOutcome> outcomes = concurrently(16, () -> process(body));
		assertThat(outcomes).containsOnlyOnce(WebhookOutcome.PUBLISHED);
		assertThat(outcomes).filteredOn((outcome) -> outcome == WebhookOutcome.DUPLICATE).hasSize(15);
		assertThat(this.published).hasSize(1);
	}

	@Test
	void answersACopyArrivingDuringPublicationOnlyOnceTheFirstWasPublished() throws Exception {
		byte[] body = sms("msg_1", this.clock.instant());
		this.listenerEntered = new CountDownLatch(1);
		this.listenerReleased = new CountDownLatch(1);
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<WebhookOutcome> first = executor.submit(() -> process(body));
			await(this.listenerEntered);
			WebhookProcessor.Delivery copy = this.processor.receive(body, new WebhookSigner(SECRET).sign(body));
			assertThat(copy.isToPublish()).isFalse();
			assertThat(copy.outcome()).isNotDone();
			this.listenerReleased.countDown();
			assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(WebhookOutcome.PUBLISHED);
			assertThat(copy.outcome().get(30, TimeUnit.SECONDS)).isEqualTo(WebhookOutcome.DUPLICATE);
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(this.published).hasSize(1);
	}

	@Test
	void answersACopyArrivingDuringAFailedPublicationWithTheFailure() throws Exception {
		byte[] body = sms("msg_1", this.clock.instant());
		this.failNext.set(true);
		this.listenerEntered = new CountDownLatch(1);
		this.listenerReleased = new CountDownLatch(1);
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<WebhookOutcome> first = executor.submit(() -> process(body));
			await(this.listenerEntered);
			WebhookProcessor.Delivery copy = this.processor.receive(body, new WebhookSigner(SECRET).sign(body));
			this.listenerReleased.countDown();
			assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(WebhookOutcome.LISTENER_FAILED);
			assertThat(copy.outcome().get(30, TimeUnit.SECONDS)).isEqualTo(WebhookOutcome.LISTENER_FAILED);
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(process(body)).isEqualTo(WebhookOutcome.PUBLISHED);
		assertThat(this.published).hasSize(2);
	}

	@Test
	void answers503ToACopyWhenTheFirstIsStillBeingPublishedAfterTheWait() throws Exception {
		byte[] body = sms("msg_1", this.clock.instant());
		this.listenerEntered = new CountDownLatch(1);
		this.listenerReleased = new CountDownLatch(1);
		ExecutorService executor = Executors.newSingleThreadExecutor();
		try {
			Future<WebhookOutcome> first = executor.submit(() -> process(body));
			await(this.listenerEntered);
			assertThat(process(body)).isEqualTo(WebhookOutcome.IN_PROGRESS);
			this.listenerReleased.countDown();
			assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(WebhookOutcome.PUBLISHED);
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(process(body)).isEqualTo(WebhookOutcome.DUPLICATE);
		assertThat(this.published).hasSize(1);
	}

	@Test
	void publishesAClaimedDeliveryWhoseAnswerNobodyWaitsForAnyMore() {
		byte[] body = sms("msg_1", this.clock.instant());
		Queue<Runnable> listenerTasks = new ConcurrentLinkedQueue<>();
		CompletableFuture<WebhookOutcome> answer = this.processor.process(body, sign(body), listenerTasks::add);
		// The client hung up before a thread was free to run the listeners.
		answer.cancel(false);
		listenerTasks.forEach(Runnable::run);
		assertThat(this.published).hasSize(1);
		assertThat(process(body)).isEqualTo(WebhookOutcome.DUPLICATE);
		assertThat(this.published).hasSize(1);
	}

	@Test
	void publishesADeliveryWhoseClaimASharedStoreConfirmedAfterTheClientHungUp() {
		// A store that answers later, as Redis does: the memory store, one claim behind.
		Queue<Runnable> answers = new ConcurrentLinkedQueue<>();
		InMemoryDeliveryStore memory = new InMemoryDeliveryStore();
		DeliveryStore later = (namespace, fingerprint, now, expiry) -> {
			CompletableFuture<DeliveryStore.Claim> claim = new CompletableFuture<>();
			answers.add(() -> claim.complete(memory.claimNow(namespace, fingerprint, now, expiry)));
			return claim;
		};
		WebhookProcessor processor = new WebhookProcessor(this.verifier, this.publisher, 1024, this.clock,
				WebhookDeliveryObserver.NONE, later, () -> DeliveryStore.namespace("default"));
		byte[] body = sms("msg_1", this.clock.instant());
		CompletableFuture<WebhookOutcome> answer = processor.process(body, sign(body), Runnable::run);
		assertThat(answer).isNotDone();
		answer.cancel(false);
		answers.poll().run();
		assertThat(this.published).hasSize(1);
		CompletableFuture<WebhookOutcome> copy = processor.process(body, sign(body), Runnable::run);
		answers.poll().run();
		assertThat(copy).isCompletedWithValue(WebhookOutcome.DUPLICATE);
		assertThat(this.published).hasSize(1);
	}

	@Test
	void keepsTheDeliveriesOfEachAccountApartInOneSharedStore() {
		InMemoryDeliveryStore shared = new InMemoryDeliveryStore();
		WebhookProcessor first = new WebhookProcessor(this.verifier, this.publisher, 1024, this.clock,
				WebhookDeliveryObserver.NONE, shared, () -> DeliveryStore.namespace("first"));
		WebhookProcessor second = new WebhookProcessor(this.verifier, this.publisher, 1024, this.clock,
				WebhookDeliveryObserver.NONE, shared, () -> DeliveryStore.namespace("second"));
		byte[] body = sms("msg_1", this.clock.instant());
		assertThat(first.process(body, sign(body))).isEqualTo(WebhookOutcome.PUBLISHED);
		assertThat(second.process(body, sign(body))).isEqualTo(WebhookOutcome.PUBLISHED);
		assertThat(first.process(body, sign(body))).isEqualTo(WebhookOutcome.DUPLICATE);
		assertThat(this.published).hasSize(2);
	}

	@Test
	void forgetsADeliveryWhenNoThreadIsFreeToPublishItSoThatItsRedeliveryIsPublished() {
		byte[] body = sms("msg_1", this.clock.instant());
		CompletableFuture<WebhookOutcome> answer = this.processor.process(body, sign(body), (task) -> {
			throw new RejectedExecutionException("full");
		});
		assertThat(answer).isCompletedWithValue(WebhookOutcome.IN_PROGRESS);
		assertThat(this.published).isEmpty();
		assertThat(process(body)).isEqualTo(WebhookOutcome.PUBLISHED);
		assertThat(this.published).hasSize(1);
	}

	@Test
	void answersOnlyPostsAndDeclaredLengthsWithinTheLimitBeforeReadingTheBody() {
		assertThat(this.processor.answerBeforeReading("POST", 1024)).isNull();
		assertThat(this.processor.answerBeforeReading("POST", -1)).isNull();
		assertThat(this.processor.answerBeforeReading("POST", 1025)).isEqualTo(WebhookOutcome.TOO_LARGE);
		WebhookOutcome get = this.processor.answerBeforeReading("GET", -1);
		assertThat(get).isEqualTo(WebhookOutcome.METHOD_NOT_ALLOWED);
		assertThat(get.status()).isEqualTo(405);
		assertThat(get.headers()).containsExactly(java.util.Map.entry("Allow", "POST"));
	}

	@Test
	void logsEachRefusalForStalenessAtWarnWithTheEventTypeAndAge(CapturedOutput output) {
		byte[] body = sms("msg_1", this.clock.instant().minus(Duration.ofMinutes(7)));
		assertThat(process(body)).isEqualTo(WebhookOutcome.OUTSIDE_TOLERANCE);
		assertThat(output).contains("WARN")
			.contains("sms.delivered")
			.contains("420 s old")
			.doesNotContain("+1234567890")
			.doesNotContain("msg_1")
			.doesNotContain(SECRET);
		assertThat(this.published).isEmpty();
	}

	@Test
	void remembersNoMoreDeliveriesThanItsCapacityWhateverTheFlood() {
		for (int i = 0; i < 1000; i++) {
			assertThat(process(sms("msg_" + i, this.clock.instant()))).isEqualTo(WebhookOutcome.PUBLISHED);
		}
		assertThat(this.processor.rememberedDeliveries()).isEqualTo(100);
		// The newest are the ones remembered.
		assertThat(process(sms("msg_999", this.clock.instant()))).isEqualTo(WebhookOutcome.DUPLICATE);
	}

	@Test
	void forgetsDeliveriesOnceTheirTimestampLeavesTheToleranceWindow() {
		Instant sent = this.clock.instant();
		for (int i = 0; i < 50; i++) {
			process(sms("msg_" + i, sent));
		}
		assertThat(this.processor.rememberedDeliveries()).isEqualTo(50);
		this.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
		process(sms("msg_late", this.clock.instant()));
		assertThat(this.processor.rememberedDeliveries()).isEqualTo(1);
		// A redelivery this late is stale, so forgetting it publishes nothing twice.
		assertThat(process(sms("msg_0", sent))).isEqualTo(WebhookOutcome.OUTSIDE_TOLERANCE);
	}

	private WebhookOutcome process(byte[] body) {
		return this.processor.process(body, sign(body));
	}

	private static String sign(byte[] body) {
		return new WebhookSigner(SECRET).sign(body);
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static <T> List<T> concurrently(int threads, java.util.concurrent.Callable<T> task) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<T>> futures = new java.util.ArrayList<>();
			for (int i = 0; i < threads; i++) {
				futures.add(executor.submit(() -> {
					start.await();
					return task.call();
				}));
			}
			start.countDown();
			List<T> results = new java.util.ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(30, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

	static byte[] sms(String messageId, Instant timestamp) {
		return ("{\"event\":\"sms.delivered\",\"message_id\":\"" + messageId + "\",\"to\":\"+1234567890\","
				+ "\"status\":\"delivered\",\"timestamp\":\"" + timestamp + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	static final class MutableClock extends Clock {

		private volatile Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
