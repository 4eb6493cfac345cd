package io.sendpulse.spring.autoconfigure.webhook;

import java.util.Map;

import io.sendpulse.spring.internal.webhook.WebhookProcessor;

import org.springframework.util.Assert;

/**
 * The processor of each webhook path: one per account, each verifying with its account's
 * secrets and remembering its own deliveries.
 *
 * @param byPath the processor of each declared path
 */
record WebhookProcessors(Map<String, WebhookProcessor> byPath) {

	WebhookProcessor forPath(String path) {
		WebhookProcessor processor = this.byPath.get(path);
		Assert.state(processor != null, () -> "No webhook processor for " + path);
		return processor;
	}

	long maxPayloadSize() {
		return this.byPath.values().stream().mapToLong(WebhookProcessor::getMaxPayloadSize).max().orElse(1);
	}

	@Override
	public String toString() {
		return "WebhookProcessors[paths=" + this.byPath.keySet() + "]";
	}

}
