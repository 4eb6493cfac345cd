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
 * one byte past the limit, and answers the {@link WebhookProcessor}'s outcome. Listeners
 * run on the request thread.
 */
final class WebMvcWebhookHandler {

	private final WebhookProcessor processor;

	private final int maxPayloadSize;

	WebMvcWebhookHandler(WebhookProcessor processor) {
		this.processor = processor;
		this.maxPayloadSize = (int) Math.min(processor.getMaxPayloadSize(), Integer.MAX_VALUE - 8);
	}

	RouterFunction<ServerResponse> routes(SendPulseWebhookEndpoints endpoints) {
		RouterFunctions.Builder routes = RouterFunctions.route();
		for (String path : endpoints.paths()) {
			routes.route(RequestPredicates.path(path), this::handle);
		}
		return routes.build();
	}

	ServerResponse handle(ServerRequest request) throws IOException {
		HttpServletRequest servletRequest = request.servletRequest();
		long declaredLength = servletRequest.getContentLengthLong();
		WebhookOutcome early = this.processor.answerBeforeReading(servletRequest.getMethod(), declaredLength);
		if (early != null) {
			return answer(early);
		}
		byte[] body;
		try (InputStream input = servletRequest.getInputStream()) {
			// At most one byte past the limit: enough for the processor to know it is
			// exceeded, never a flood.
			body = input.readNBytes((declaredLength >= 0) ? (int) declaredLength : this.maxPayloadSize + 1);
		}
		return answer(this.processor.process(body, servletRequest.getHeader(WebhookSigner.SIGNATURE_HEADER)));
	}

	private static ServerResponse answer(WebhookOutcome outcome) {
		return ServerResponse.status(outcome.status())
			.headers((headers) -> outcome.headers().forEach(headers::set))
			.build();
	}

}
