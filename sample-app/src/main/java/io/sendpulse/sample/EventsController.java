package io.sendpulse.sample;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Lists the webhook events the service received, oldest first: {@code GET /events}.
 */
@RestController
class EventsController {

	private final ReceivedEvents events;

	EventsController(ReceivedEvents events) {
		this.events = events;
	}

	@GetMapping("/events")
	List<ReceivedEvent> events() {
		return this.events.list();
	}

}
