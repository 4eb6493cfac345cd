package io.sendpulse.spring.autoconfigure.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import io.sendpulse.spring.internal.webhook.WebhookOutcome;
import io.sendpulse.spring.internal.webhook.WebhookProcessor;
import io.sendpulse.spring.webhook.WebhookSigner;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;

/**
 * The Spring MVC adapter: reads the raw body from the servlet request, never more than
 * one byte past the limit, and answers the outcome of the path's account's
 * {@link WebhookProcessor}. Listeners run on the request thread.
 * <p>
 * Served by a handler mapping of its own, ahead of the application's mappings, with a
 * plain {@link HttpRequestHandler} per path: a {@code RouterFunction} would switch on
 * Spring MVC's functional endpoints in every application with a webhook, about 13 ms of
 * its cold start (benchmark B6), for a handler that needs none of their features.
 */
final class WebMvcWebhookHandler {

	/** Ahead of Spring MVC's own mappings, the functional endpoints' (-1) included. */
	static final int ORDER = -2;

	private final WebhookProcessors processors;

	private final int maxPayloadSize;

	WebMvcWebhookHandler(WebhookProcessors processors) {
		this.processors = processors;
		this.maxPayloadSize = (int) Math.min(processors.maxPayloadSize(), Integer.MAX_VALUE - 8);
	}

	SimpleUrlHandlerMapping handlerMapping(SendPulseWebhookEndpoints endpoints) {
		Map<String, HttpRequestHandler> handlers = new LinkedHashMap<>();
		for (String path : endpoints.paths()) {
			// Each path's account's processor: its secrets verify the delivery.
			WebhookProcessor processor = this.processors.forPath(path);
			handlers.put(path, (request, response) -> handle(processor, request, response));
		}
		return new SimpleUrlHandlerMapping(handlers, ORDER);
	}

	void handle(WebhookProcessor processor, HttpServletRequest request, HttpServletResponse response)
			throws IOException {
		long declaredLength = request.getContentLengthLong();
		WebhookOutcome early = processor.answerBeforeReading(request.getMethod(), declaredLength);
		if (early != null) {
			answer(early, response);
			return;
		}
		byte[] body;
		try (InputStream input = request.getInputStream()) {
			// At most one byte past the limit: enough for the processor to know it is
			// exceeded, never a flood.
			body = input.readNBytes((declaredLength >= 0) ? (int) declaredLength : this.maxPayloadSize + 1);
		}
		answer(processor.process(body, request.getHeader(WebhookSigner.SIGNATURE_HEADER)), response);
	}

	private static void answer(WebhookOutcome outcome, HttpServletResponse response) {
		response.setStatus(outcome.status());
		outcome.headers().forEach(response::setHeader);
	}

}
