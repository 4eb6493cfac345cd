package io.sendpulse.spring.autoconfigure.webhook;

import java.io.IOException;
import java.io.InputStream;

import io.sendpulse.spring.internal.webhook.WebhookOutcome;
import io.sendpulse.spring.internal.webhook.WebhookProcessor;
import io.sendpulse.spring.webhook.WebhookSigner;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.servlet.function.RequestPredicates;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerRequest;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * The Spring MVC adapter: reads the raw body from the servlet request, never more than
 * one byte past the limit, and answers the outcome of the path's account's
 * {@link WebhookProcessor}. Listeners run on the request thread.
 */
final class WebMvcWebhookHandler {

	private final WebhookProcessors processors;

	private final int maxPayloadSize;

	WebMvcWebhookHandler(WebhookProcessors processors) {
		this.processors = processors;
		this.maxPayloadSize = (int) Math.min(processors.maxPayloadSize(), Integer.MAX_VALUE - 8);
	}

	RouterFunction<ServerResponse> routes(SendPulseWebhookEndpoints endpoints) {
		RouterFunctions.Builder routes = RouterFunctions.route();
		for (String path : endpoints.paths()) {
			// Each path's account's processor: its secrets verify the delivery.
			WebhookProcessor processor = this.processors.forPath(path);
			routes.route(RequestPredicates.path(path), (request) -> handle(processor, request));
		}
		return routes.build();
	}

	ServerResponse handle(WebhookProcessor processor, ServerRequest request) throws IOException {
		HttpServletRequest servletRequest = request.servletRequest();
		long declaredLength = servletRequest.getContentLengthLong();
		WebhookOutcome early = processor.answerBeforeReading(servletRequest.getMethod(), declaredLength);
		if (early != null) {
			return answer(early);
		}
		byte[] body;
		try (InputStream input = servletRequest.getInputStream()) {
			// At most one byte past the limit: enough for the processor to know it is
			// exceeded, never a flood.
			body = input.readNBytes((declaredLength >= 0) ? (int) declaredLength : this.maxPayloadSize + 1);
		}
		return answer(processor.process(body, servletRequest.getHeader(WebhookSigner.SIGNATURE_HEADER)));
	}

	private static ServerResponse answer(WebhookOutcome outcome) {
		return ServerResponse.status(outcome.status())
			.headers((headers) -> outcome.headers().forEach(headers::set))
			.build();
	}

}
