package io.sendpulse.benchmarks.startup.web;

import io.sendpulse.spring.webhook.SendPulseWebhook;
import io.sendpulse.spring.webhook.SmsStatusEvent;

import org.springframework.context.event.EventListener;

/**
 * The web application's webhook endpoint and its listener. Without the starter's jars the
 * annotation is missing, so component scanning passes this class by and its event type is
 * never loaded.
 */
@SendPulseWebhook("/webhooks/sendpulse")
public class Webhooks {

	@EventListener
	void on(SmsStatusEvent event) {
	}

}
