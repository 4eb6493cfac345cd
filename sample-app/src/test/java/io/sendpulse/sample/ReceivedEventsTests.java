package io.sendpulse.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import io.sendpulse.spring.sms.SmsStatus;
import io.sendpulse.spring.webhook.CallGatherEvent;
import io.sendpulse.spring.webhook.SmsStatusEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * How {@link ReceivedEvents} keeps events and hands them to whoever waits.
 */
@ExtendWith(OutputCaptureExtension.class)
class ReceivedEventsTests {

	private final ReceivedEvents events = new ReceivedEvents();

	@Test
	void keepsTheMostRecentEventsOnly() {
		for (int i = 0; i < ReceivedEvents.CAPACITY + 5; i++) {
			this.events.smsStatus(sms("msg_" + i, SmsStatus.SENT));
		}
		assertThat(this.events.list()).hasSize(ReceivedEvents.CAPACITY);
		assertThat(this.events.list().get(0).id()).isEqualTo("msg_5");
		assertThat(this.events.list().get(ReceivedEvents.CAPACITY - 1).id())
			.isEqualTo("msg_" + (ReceivedEvents.CAPACITY + 4));
	}

	@Test
	void awaitCompletesWithAnEventThatAlreadyArrived() {
		this.events.smsStatus(sms("msg_1", SmsStatus.DELIVERED));
		CompletableFuture<SmsStatusEvent> delivered = this.events.await(SmsStatusEvent.class,
				(event) -> event.messageId().equals("msg_1"), Duration.ofSeconds(10));
		assertThat(delivered).isCompletedWithValueMatching((event) -> event.status() == SmsStatus.DELIVERED);
	}

	@Test
	void awaitCompletesWhenAMatchingEventArrives() {
		CompletableFuture<SmsStatusEvent> delivered = this.events.await(SmsStatusEvent.class,
				(event) -> event.status() == SmsStatus.DELIVERED, Duration.ofSeconds(10));
		this.events.smsStatus(sms("msg_1", SmsStatus.SENT));
		assertThat(delivered).isNotDone();
		this.events.smsStatus(sms("msg_1", SmsStatus.DELIVERED));
		assertThat(delivered).isCompletedWithValueMatching((event) -> event.messageId().equals("msg_1"));
	}

	@Test
	void awaitFailsWithATimeoutWhenNoEventComes() {
		CompletableFuture<SmsStatusEvent> delivered = this.events.await(SmsStatusEvent.class, (event) -> true,
				Duration.ofMillis(50));
		assertThat(delivered).failsWithin(Duration.ofSeconds(10))
			.withThrowableThat()
			.withCauseInstanceOf(TimeoutException.class);
	}

	@Test
	void subscriberGetsTheKeptEventsThenEachNewOneNumberedInOrder() {
		this.events.smsStatus(sms("msg_1", SmsStatus.SENT));
		this.events.smsStatus(sms("msg_1", SmsStatus.DELIVERED));
		Map<Long, String> received = new LinkedHashMap<>();
		this.events.subscribe(0, (number, event) -> received.put(number, event.type()));
		assertThat(received).containsExactly(entry(1L, "sms.sent"), entry(2L, "sms.delivered"));
		this.events.smsStatus(sms("msg_2", SmsStatus.SENT));
		assertThat(received).containsExactly(entry(1L, "sms.sent"), entry(2L, "sms.delivered"), entry(3L, "sms.sent"));
	}

	@Test
	void subscriberResumingAfterANumberGetsOnlyWhatItMissed() {
		this.events.smsStatus(sms("msg_1", SmsStatus.SENT));
		this.events.smsStatus(sms("msg_1", SmsStatus.DELIVERED));
		this.events.smsStatus(sms("msg_2", SmsStatus.SENT));
		List<Long> received = new ArrayList<>();
		this.events.subscribe(2, (number, event) -> received.add(number));
		assertThat(received).containsExactly(3L);
	}

	@Test
	void cancelledSubscriberGetsNothingMore() {
		List<Long> received = new ArrayList<>();
		ReceivedEvents.Subscription subscription = this.events.subscribe(0, (number, event) -> received.add(number));
		this.events.smsStatus(sms("msg_1", SmsStatus.SENT));
		subscription.cancel();
		this.events.smsStatus(sms("msg_1", SmsStatus.DELIVERED));
		assertThat(received).containsExactly(1L);
	}

	@Test
	void failingSubscriberIsCancelledWithoutFailingTheWebhookOrOtherSubscribers() {
		List<Long> failing = new ArrayList<>();
		List<Long> healthy = new ArrayList<>();
		this.events.subscribe(0, (number, event) -> {
			failing.add(number);
			throw new IllegalStateException("the page went away");
		});
		this.events.subscribe(0, (number, event) -> healthy.add(number));
		this.events.smsStatus(sms("msg_1", SmsStatus.SENT));
		this.events.smsStatus(sms("msg_1", SmsStatus.DELIVERED));
		assertThat(failing).containsExactly(1L);
		assertThat(healthy).containsExactly(1L, 2L);
		assertThat(this.events.list()).hasSize(2);
	}

	@Test
	void numberingGoesOnAfterClear() {
		this.events.smsStatus(sms("msg_1", SmsStatus.SENT));
		this.events.clear();
		this.events.smsStatus(sms("msg_2", SmsStatus.SENT));
		List<Long> received = new ArrayList<>();
		this.events.subscribe(0, (number, event) -> received.add(number));
		assertThat(received).containsExactly(2L);
	}

	@Test
	void logsHowManyDigitsWereGatheredButNotWhich(CapturedOutput output) {
		this.events.callGather(new CallGatherEvent("call.gather", "call_1", "4711", Instant.now()));
		assertThat(output).contains("Call call_1: gathered 4 digits").doesNotContain("4711");
		assertThat(this.events.list()).singleElement()
			.satisfies((event) -> assertThat(event.digits()).isEqualTo("4711"));
	}

	private static SmsStatusEvent sms(String id, SmsStatus status) {
		return new SmsStatusEvent("sms." + status.value(), id, "+14155550123", status, Instant.now());
	}

}
