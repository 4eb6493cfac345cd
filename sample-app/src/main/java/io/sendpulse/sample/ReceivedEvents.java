package io.sendpulse.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import io.sendpulse.spring.webhook.CallGatherEvent;
import io.sendpulse.spring.webhook.CallRecordingEvent;
import io.sendpulse.spring.webhook.CallStatusEvent;
import io.sendpulse.spring.webhook.SendPulseEvent;
import io.sendpulse.spring.webhook.SendPulseWebhook;
import io.sendpulse.spring.webhook.SmsStatusEvent;
import io.sendpulse.spring.webhook.UnknownEvent;
import io.sendpulse.spring.webhook.VerificationEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.event.EventListener;

/**
 * The service's SendPulse webhook endpoint, {@code POST /webhooks/sendpulse}: logs each
 * event it receives and keeps the most recent ones, for {@code GET /events}, for the
 * page's live stream ({@code GET /events/stream}) and for whoever waits for one.
 */
@SendPulseWebhook("/webhooks/sendpulse")
public class ReceivedEvents {

	/** How many events are kept; older ones are forgotten. */
	static final int CAPACITY = 100;

	private static final Log logger = LogFactory.getLog(ReceivedEvents.class);

	private final Deque<Numbered> events = new ArrayDeque<>();

	private final List<Waiter<?>> waiters = new ArrayList<>();

	private final List<Subscriber> subscribers = new ArrayList<>();

	private long lastNumber;

	@EventListener
	void smsStatus(SmsStatusEvent event) {
		logger.info("SMS " + event.messageId() + " to " + PhoneNumberMask.mask(event.to()) + " is "
				+ event.status().value());
		keep(event);
	}

	@EventListener
	void callStatus(CallStatusEvent event) {
		logger
			.info("Call " + event.callId() + " to " + PhoneNumberMask.mask(event.to()) + " is " + event.status().value()
					+ ((event.duration() != null) ? " after " + event.duration().toSeconds() + " s" : ""));
		keep(event);
	}

	@EventListener
	void callGather(CallGatherEvent event) {
		// The digits can be a PIN: say how many were gathered, never which.
		logger.info("Call " + event.callId() + ": gathered " + digits(event.digits()));
		keep(event);
	}

	@EventListener
	void callRecording(CallRecordingEvent event) {
		// The recording's URL can carry an access token: it is not logged.
		String length = (event.duration() != null) ? " of " + event.duration().toSeconds() + " s" : "";
		logger.info("Call " + event.callId() + ": a recording" + length + " is ready");
		keep(event);
	}

	@EventListener
	void verification(VerificationEvent event) {
		logger.info("Verification " + event.requestId() + " of " + PhoneNumberMask.mask(event.to()) + " is "
				+ event.status().value());
		keep(event);
	}

	@EventListener
	void unknown(UnknownEvent event) {
		logger.info("Event " + event.type() + ", unknown to this version of the starter");
		keep(event);
	}

	/**
	 * Return the events received, oldest first, at most the last {@value #CAPACITY}.
	 * @return the events
	 */
	public synchronized List<ReceivedEvent> list() {
		return this.events.stream().map(Numbered::event).toList();
	}

	/**
	 * Follow the events: hand the kept events numbered after a given one to a subscriber,
	 * then every event as it arrives, until the returned subscription is cancelled.
	 * Events are numbered 1, 2, 3... as they arrive; two that arrive at once may reach
	 * the subscriber in either order, so order them by their numbers. A subscriber that
	 * throws is cancelled; it never fails the webhook delivery.
	 * @param after the number of the last event the subscriber already has, {@code 0} for
	 * none
	 * @param subscriber what receives the events
	 * @return the subscription, to cancel
	 */
	public Subscription subscribe(long after, Subscriber subscriber) {
		List<Numbered> missed;
		synchronized (this) {
			missed = this.events.stream().filter((numbered) -> numbered.number() > after).toList();
			this.subscribers.add(subscriber);
		}
		Subscription subscription = () -> unsubscribe(subscriber);
		for (Numbered numbered : missed) {
			if (!deliver(subscriber, numbered)) {
				break;
			}
		}
		return subscription;
	}

	/**
	 * Wait for an event: the first kept or coming event of a type that matches a
	 * condition.
	 * @param <E> the type of event
	 * @param type the type of event
	 * @param condition what the event must satisfy
	 * @param timeout how long to wait
	 * @return a future that completes with the event, or exceptionally with a
	 * {@link java.util.concurrent.TimeoutException} when none came in time
	 */
	public <E extends SendPulseEvent> CompletableFuture<E> await(Class<E> type, Predicate<? super E> condition,
			Duration timeout) {
		Waiter<E> waiter = new Waiter<>(type, condition, new CompletableFuture<>());
		synchronized (this) {
			for (Numbered kept : this.events) {
				if (waiter.offer(kept.event().event())) {
					return waiter.future();
				}
			}
			this.waiters.add(waiter);
		}
		waiter.future().whenComplete((event, ex) -> forget(waiter));
		return waiter.future().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Forget the events received; the numbering goes on.
	 */
	public synchronized void clear() {
		this.events.clear();
	}

	private void keep(SendPulseEvent event) {
		List<Waiter<?>> satisfied = new ArrayList<>();
		Numbered numbered;
		List<Subscriber> subscribers;
		synchronized (this) {
			if (this.events.size() == CAPACITY) {
				this.events.removeFirst();
			}
			numbered = new Numbered(++this.lastNumber, new ReceivedEvent(event, Instant.now()));
			this.events.addLast(numbered);
			for (Waiter<?> waiter : this.waiters) {
				if (waiter.matches(event)) {
					satisfied.add(waiter);
				}
			}
			this.waiters.removeAll(satisfied);
			subscribers = List.copyOf(this.subscribers);
		}
		// Outside the lock, as completing a future runs what depends on it, and a
		// subscriber may write to a network connection.
		satisfied.forEach((waiter) -> waiter.offer(event));
		subscribers.forEach((subscriber) -> deliver(subscriber, numbered));
	}

	private boolean deliver(Subscriber subscriber, Numbered numbered) {
		try {
			subscriber.received(numbered.number(), numbered.event());
			return true;
		}
		catch (RuntimeException ex) {
			logger.debug("Cancelled a subscriber that failed: " + ex);
			unsubscribe(subscriber);
			return false;
		}
	}

	private synchronized void unsubscribe(Subscriber subscriber) {
		this.subscribers.remove(subscriber);
	}

	private synchronized void forget(Waiter<?> waiter) {
		this.waiters.remove(waiter);
	}

	private static String digits(@Nullable String digits) {
		int count = (digits != null) ? digits.length() : 0;
		return (count == 1) ? "1 digit" : count + " digits";
	}

	/**
	 * Receives the events it subscribed to.
	 */
	@FunctionalInterface
	public interface Subscriber {

		/**
		 * Receive an event.
		 * @param number the event's number, higher for a later event
		 * @param event the event
		 */
		void received(long number, ReceivedEvent event);

	}

	/**
	 * A subscription to the events, from {@link #subscribe(long, Subscriber)}.
	 */
	@FunctionalInterface
	public interface Subscription {

		/**
		 * Stop receiving events; does nothing when already cancelled.
		 */
		void cancel();

	}

	private record Numbered(long number, ReceivedEvent event) {

	}

	private record Waiter<E extends SendPulseEvent>(Class<E> type, Predicate<? super E> condition,
			CompletableFuture<E> future) {

		boolean matches(SendPulseEvent event) {
			return this.type.isInstance(event) && this.condition.test(this.type.cast(event));
		}

		boolean offer(SendPulseEvent event) {
			return matches(event) && this.future.complete(this.type.cast(event));
		}

	}

}
