package io.sendpulse.spring.autoconfigure.webhook;

import io.sendpulse.spring.webhook.CallGatherEvent;
import io.sendpulse.spring.webhook.CallRecordingEvent;
import io.sendpulse.spring.webhook.CallStatusEvent;
import io.sendpulse.spring.webhook.SendPulseEvent;
import io.sendpulse.spring.webhook.SmsStatusEvent;
import io.sendpulse.spring.webhook.UnknownEvent;
import io.sendpulse.spring.webhook.VerificationEvent;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes the events of one further account's endpoints as that account's: the
 * processor reads events as the top-level account's, and this names theirs before any
 * listener sees them. Keeps the processor itself unaware of accounts.
 */
final class AccountEventPublisher implements ApplicationEventPublisher {

	private final ApplicationEventPublisher publisher;

	private final String account;

	AccountEventPublisher(ApplicationEventPublisher publisher, String account) {
		this.publisher = publisher;
		this.account = account;
	}

	@Override
	public void publishEvent(Object event) {
		this.publisher
			.publishEvent((event instanceof SendPulseEvent sendPulse) ? inAccount(sendPulse, this.account) : event);
	}

	// Java 17: no pattern matching in switch yet; the sealed interface keeps the list
	// whole.
	static SendPulseEvent inAccount(SendPulseEvent event, String account) {
		if (event instanceof SmsStatusEvent e) {
			return new SmsStatusEvent(e.type(), e.messageId(), e.to(), e.status(), e.timestamp(), account);
		}
		if (event instanceof CallStatusEvent e) {
			return new CallStatusEvent(e.type(), e.callId(), e.to(), e.status(), e.duration(), e.timestamp(), account);
		}
		if (event instanceof CallGatherEvent e) {
			return new CallGatherEvent(e.type(), e.callId(), e.digits(), e.timestamp(), account);
		}
		if (event instanceof CallRecordingEvent e) {
			return new CallRecordingEvent(e.type(), e.callId(), e.recordingUrl(), e.duration(), e.timestamp(), account);
		}
		if (event instanceof VerificationEvent e) {
			return new VerificationEvent(e.type(), e.requestId(), e.to(), e.status(), e.timestamp(), account);
		}
		UnknownEvent e = (UnknownEvent) event;
		return new UnknownEvent(e.type(), e.timestamp(), e.json(), account);
	}

	@Override
	public String toString() {
		return "AccountEventPublisher[account=" + this.account + "]";
	}

}
