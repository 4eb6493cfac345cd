package io.sendpulse.spring.autoconfigure.webhook;

import java.time.Duration;

import io.sendpulse.spring.internal.webhook.WebhookOutcome;
import io.sendpulse.spring.internal.webhook.WebhookProcessor;
import io.sendpulse.spring.internal.webhook.WebhookProcessor.Delivery;
import io.sendpulse.spring.webhook.WebhookSigner;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * The WebFlux adapter: joins the raw body, failing as soon as it passes the limit, has
 * the {@link WebhookProcessor} check it on the event loop, and publishes on the given
 * scheduler: the event loop itself, or one that may block when
 * {@code sendpulse.webhook.blocking-listeners} says the listeners do.
 */
final class WebFluxWebhookHandler {

	private static final byte[] EMPTY = new byte[0];

	// As long as the processor waits on Spring MVC for an identical delivery being
	// published.
	private static final Duration CONCURRENT_WAIT = Duration.ofSeconds(30);

	private final WebhookProcessor processor;

	private final int maxPayloadSize;

	private final Scheduler publishScheduler;

	WebFluxWebhookHandler(WebhookProcessor processor, Scheduler publishScheduler) {
		this.processor = processor;
		this.maxPayloadSize = (int) Math.min(processor.getMaxPayloadSize(), Integer.MAX_VALUE - 8);
		this.publishScheduler = publishScheduler;
	}

	RouterFunction<ServerResponse> routes(SendPulseWebhookEndpoints endpoints) {
		RouterFunctions.Builder routes = RouterFunctions.route();
		for (String path : endpoints.paths()) {
			routes.route(RequestPredicates.path(path),
					(request) -> handle(request.exchange()).flatMap((status) -> (status.value() == 405)
							? ServerResponse.status(status).header(HttpHeaders.ALLOW, HttpMethod.POST.name()).build()
							: ServerResponse.status(status).build()));
		}
		return routes.build();
	}

	/**
	 * Answer a request to one of the webhook paths by writing the status to the response:
	 * for the filter that serves the paths ahead of Spring Security.
	 */
	Mono<Void> serve(ServerWebExchange exchange) {
		ServerHttpResponse response = exchange.getResponse();
		return handle(exchange).flatMap((status) -> {
			response.setStatusCode(status);
			if (status.value() == 405) {
				response.getHeaders().set(HttpHeaders.ALLOW, HttpMethod.POST.name());
			}
			return response.setComplete();
		});
	}

	Mono<HttpStatusCode> handle(ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		if (request.getMethod() != HttpMethod.POST) {
			return Mono.just(HttpStatusCode.valueOf(405));
		}
		if (request.getHeaders().getContentLength() > this.maxPayloadSize) {
			return Mono.just(status(WebhookOutcome.TOO_LARGE));
		}
		String signature = request.getHeaders().getFirst(WebhookSigner.SIGNATURE_HEADER);
		return DataBufferUtils.join(request.getBody(), this.maxPayloadSize)
			.map(WebFluxWebhookHandler::bytes)
			.defaultIfEmpty(EMPTY)
			.flatMap((body) -> process(body, signature))
			.onErrorResume(DataBufferLimitException.class, (ex) -> Mono.just(WebhookOutcome.TOO_LARGE))
			.map(WebFluxWebhookHandler::status);
	}

	private Mono<WebhookOutcome> process(byte[] body, @Nullable String signature) {
		Delivery delivery = this.processor.receive(body, signature);
		if (!delivery.isToPublish()) {
			// Completes at once, or when an identical delivery's publication ends: never
			// blocks.
			return Mono.fromFuture(delivery.outcome()).timeout(CONCURRENT_WAIT, Mono.just(WebhookOutcome.IN_PROGRESS));
		}
		return Mono.fromCallable(() -> this.processor.publish(delivery)).subscribeOn(this.publishScheduler);
	}

	private static byte[] bytes(DataBuffer buffer) {
		try {
			byte[] bytes = new byte[buffer.readableByteCount()];
			buffer.read(bytes);
			return bytes;
		}
		finally {
			DataBufferUtils.release(buffer);
		}
	}

	private static HttpStatusCode status(WebhookOutcome outcome) {
		return HttpStatusCode.valueOf(outcome.status());
	}

}
