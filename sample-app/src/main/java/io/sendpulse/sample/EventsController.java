package io.sendpulse.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.sendpulse.spring.test.SendPulseSandbox;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The webhook events the service received: {@code GET /events} lists them, oldest first;
 * {@code GET /events/stream} streams them as server-sent events: first a
 * {@code connected} event saying where they come from ({@code {"source":"sandbox"}} or
 * {@code "sendpulse"}), then a {@code webhook} event for each, whose data is what
 * {@code GET /events} lists and whose id is the event's number, the kept ones first, then
 * each as it arrives. A browser's {@code EventSource} that reconnects sends the last id
 * it received ({@code Last-Event-ID}) and gets only what it missed.
 */
@RestController
class EventsController {

	/**
	 * How long one stream stays open; the browser then reconnects on its own, so that a
	 * page that went away without a word is noticed.
	 */
	static final Duration STREAM_TIMEOUT = Duration.ofMinutes(10);

	// How long the browser waits before it reconnects.
	private static final long RECONNECT_MILLIS = 1000;

	private final ReceivedEvents events;

	private final Map<String, String> connected;

	private final Set<SseEmitter> streams = ConcurrentHashMap.newKeySet();

	EventsController(ReceivedEvents events, ObjectProvider<SendPulseSandbox> sandbox) {
		this.events = events;
		// Tells the page where the events come from, so that it can say so.
		this.connected = Map.of("source", (sandbox.getIfAvailable() != null) ? "sandbox" : "sendpulse");
	}

	@GetMapping("/events")
	List<ReceivedEvent> events() {
		return this.events.list();
	}

	@GetMapping(path = "/events/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter stream(@RequestHeader(name = "Last-Event-ID", required = false) @Nullable String lastEventId) {
		SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
		this.streams.add(emitter);
		send(emitter,
				SseEmitter.event()
					.name("connected")
					.data(this.connected, MediaType.APPLICATION_JSON)
					.reconnectTime(RECONNECT_MILLIS));
		ReceivedEvents.Subscription subscription = this.events.subscribe(number(lastEventId),
				(number, event) -> send(emitter, webhook(number, event)));
		Runnable close = () -> {
			subscription.cancel();
			this.streams.remove(emitter);
		};
		emitter.onCompletion(close);
		emitter.onTimeout(close);
		emitter.onError((ex) -> close.run());
		return emitter;
	}

	/**
	 * End the open streams when the application stops, so that a graceful shutdown does
	 * not wait for pages that would never leave.
	 */
	@EventListener(ContextClosedEvent.class)
	void closeStreams() {
		this.streams.forEach(SseEmitter::complete);
		this.streams.clear();
	}

	private static SseEmitter.SseEventBuilder webhook(long number, ReceivedEvent event) {
		return SseEmitter.event().name("webhook").id(Long.toString(number)).data(event, MediaType.APPLICATION_JSON);
	}

	private static void send(SseEmitter emitter, SseEmitter.SseEventBuilder event) {
		try {
			emitter.send(event);
		}
		catch (IOException ex) {
			// The page went away; the subscription is cancelled when this is thrown.
			throw new UncheckedIOException(ex);
		}
	}

	private static long number(@Nullable String lastEventId) {
		if (lastEventId == null) {
			return 0;
		}
		try {
			return Long.parseLong(lastEventId.trim());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
