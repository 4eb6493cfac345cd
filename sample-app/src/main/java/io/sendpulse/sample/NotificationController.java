package io.sendpulse.sample;

import io.sendpulse.spring.sms.SmsMessage;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Notifies customers by SMS: {@code POST /notifications} sends one, {@code GET
 * /notifications/{id}} tells where it is. The sender is {@code sendpulse.sms.from}.
 */
@RestController
class NotificationController {

	private final SmsTemplate sms;

	NotificationController(SmsTemplate sms) {
		this.sms = sms;
	}

	@PostMapping("/notifications")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Notification notify(@RequestBody NotificationRequest request) {
		// The builder checks the fields (E.164 number, text length) and names the one
		// that is wrong.
		SmsRequest.Builder sms = SmsRequest.builder();
		if (request.to() != null) {
			sms.to(request.to());
		}
		if (request.text() != null) {
			sms.text(request.text());
		}
		return Notification.of(this.sms.send(sms.build()));
	}

	@GetMapping("/notifications/{id}")
	Notification status(@PathVariable String id) {
		return Notification.of(this.sms.status(id));
	}

	/**
	 * A customer to notify.
	 *
	 * @param to the customer's phone number, E.164
	 * @param text the message
	 */
	record NotificationRequest(@Nullable String to, @Nullable String text) {

	}

	/**
	 * An SMS on its way.
	 *
	 * @param id the message's id, to look up its status
	 * @param status where it is: {@code queued}, {@code sent}, {@code delivered}, ...
	 * @param segments how many SMS segments the text took
	 */
	record Notification(String id, String status, int segments) {

		static Notification of(SmsMessage message) {
			return new Notification(message.id(), message.status().value(), message.segments());
		}

	}

}
