package io.sendpulse.spring.autoconfigure.webhook.slice.mvc;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sendpulse.spring.webhook.SendPulseWebhook;
import io.sendpulse.spring.webhook.SmsStatusEvent;

import org.springframework.context.event.EventListener;

/**
 * The application's webhook endpoint.
 */
@SendPulseWebhook("/webhooks/sendpulse")
class DeliveryReceipts {

	final List<String> delivered = new CopyOnWriteArrayList<>();

	@EventListener
	void on(SmsStatusEvent event) {
		this.delivered.add(event.messageId());
	}

}
