package io.sendpulse.spring.autoconfigure.webhook;

import java.util.concurrent.Executor;
import java.util.function.Function;

import io.micrometer.observation.Observation;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import io.sendpulse.spring.internal.webhook.WebhookOutcome;
import io.sendpulse.spring.internal.webhook.WebhookProcessor;
import io.sendpulse.spring.webhook.WebhookSigner;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
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
 * the {@link WebhookProcessor} check it on the event loop, and has the listeners run by
 * the given executor: one whose threads may block, or the event loop itself when
 * {@code sendpulse.webhook.blocking-listeners} is {@code false}. A client that hangs up
 * cancels only the answer, never the publication of a delivery already claimed. Closing
 * it (as the application closes) closes an executor of its own.
 */
final class WebFluxWebhookHandler implements AutoCloseable {

	private static final byte[] EMPTY = new byte[0];

	private final Function<String, WebhookProcessor> processors;

	private final int maxPayloadSize;

	private final Executor listenerExecutor;

	WebFluxWebhookHandler(WebhookProcessor processor, Executor listenerExecutor) {
		this((path) -> processor, processor.getMaxPayloadSize(), listenerExecutor);
	}

	WebFluxWebhookHandler(WebhookProcessors processors, Executor listenerExecutor) {
		this(processors::forPath, processors.maxPayloadSize(), listenerExecutor);
	}

	private WebFluxWebhookHandler(Function<String, WebhookProcessor> processors, long maxPayloadSize,
			Executor listenerExecutor) {
		this.processors = processors;
		this.maxPayloadSize = (int) Math.min(maxPayloadSize, Integer.MAX_VALUE - 8);
		this.listenerExecutor = listenerExecutor;
	}

	RouterFunction<ServerResponse> routes(SendPulseWebhookEndpoints endpoints) {
		RouterFunctions.Builder routes = RouterFunctions.route();
		for (String path : endpoints.paths()) {
			// Each path's account's processor: its secrets verify the delivery.
			WebhookProcessor processor = this.processors.apply(path);
			routes.route(RequestPredicates.path(path),
					(request) -> handle(processor, request.exchange())
						.flatMap((outcome) -> ServerResponse.status(outcome.status())
							.headers((headers) -> outcome.headers().forEach(headers::set))
							.build()));
		}
		return routes.build();
	}

	/**
	 * Answer a request to one of the webhook paths by writing the status to the response:
	 * for the filter that serves the paths ahead of Spring Security.
	 */
	Mono<Void> serve(ServerWebExchange exchange) {
		ServerHttpResponse response = exchange.getResponse();
		WebhookProcessor processor = this.processors
			.apply(exchange.getRequest().getPath().pathWithinApplication().value());
		return handle(processor, exchange).flatMap((outcome) -> {
			response.setStatusCode(HttpStatusCode.valueOf(outcome.status()));
			outcome.headers().forEach(response.getHeaders()::set);
			return response.setComplete();
		});
	}

	Mono<WebhookOutcome> handle(WebhookProcessor processor, ServerWebExchange exchange) {
		ServerHttpRequest request = exchange.getRequest();
		WebhookOutcome early = processor.answerBeforeReading(request.getMethod().name(),
				request.getHeaders().getContentLength());
		if (early != null) {
			return Mono.just(early);
		}
		String signature = request.getHeaders().getFirst(WebhookSigner.SIGNATURE_HEADER);
		return DataBufferUtils.join(request.getBody(), this.maxPayloadSize)
			.map(WebFluxWebhookHandler::bytes)
			.defaultIfEmpty(EMPTY)
			// Cancellation suppressed: the processor publishes or forgets a claimed
			// delivery whatever becomes of this request.
			.flatMap((body) -> Mono.deferContextual((context) -> process(processor, body, signature,
					context.getOrDefault(ObservationThreadLocalAccessor.KEY, null))))
			.onErrorResume(DataBufferLimitException.class, (ex) -> Mono.fromSupplier(processor::tooLarge));
	}

	/**
	 * Process a delivery within the request's observation, when it has one (WebFlux keeps
	 * it in the Reactor context, not on a thread): the delivery's observation and, on the
	 * listener's thread, the observations of what the listeners do (a send) are its
	 * children, as they are on Spring MVC, where the request's thread has it in scope.
	 */
	private Mono<WebhookOutcome> process(WebhookProcessor processor, byte[] body, @Nullable String signature,
			@Nullable Observation request) {
		if (request == null || request.isNoop()) {
			return Mono.fromFuture(() -> processor.process(body, signature, this.listenerExecutor), true);
		}
		Executor inRequestScope = (listeners) -> this.listenerExecutor.execute(() -> {
			try (Observation.Scope scope = request.openScope()) {
				listeners.run();
			}
		});
		return Mono.fromFuture(() -> {
			try (Observation.Scope scope = request.openScope()) {
				return processor.process(body, signature, inRequestScope);
			}
		}, true);
	}

	Executor listenerExecutor() {
		return this.listenerExecutor;
	}

	@Override
	public void close() {
		if (this.listenerExecutor instanceof ListenerThreads threads) {
			threads.close();
		}
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

}
