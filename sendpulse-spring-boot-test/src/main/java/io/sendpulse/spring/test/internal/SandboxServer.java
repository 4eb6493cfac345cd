package io.sendpulse.spring.test.internal;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;

/**
 * The sandbox's HTTP side: a Reactor Netty server on loopback that applies the scripted
 * faults first, as a failing proxy in front of the API would, then hands each call to the
 * {@link SandboxRouter}. One fault lets the call through and loses the answer instead:
 * the API acted, the client never hears of it.
 */
final class SandboxServer {

	private static final byte[] EMPTY = new byte[0];

	private final SandboxRouter router;

	private final FaultQueue faults;

	private @Nullable DisposableServer server;

	private @Nullable LoopResources loops;

	SandboxServer(SandboxRouter router, FaultQueue faults) {
		this.router = router;
		this.faults = faults;
	}

	int start(String host, int port) {
		// Event loops of its own, not Reactor Netty's global ones: a closing application
		// context disposes those (Spring's ReactorResourceFactory does), which would stop
		// the sandbox of every other context in the JVM.
		LoopResources loops = LoopResources.create("sendpulse-sandbox");
		try {
			this.server = HttpServer.create()
				.host(host)
				.port(port)
				.runOn(loops)
				.handle(this::handle)
				.bindNow(Duration.ofSeconds(10));
		}
		catch (RuntimeException ex) {
			loops.dispose();
			throw ex;
		}
		this.loops = loops;
		return this.server.port();
	}

	void stop() {
		if (this.server != null) {
			this.server.disposeNow(Duration.ofSeconds(5));
			this.server = null;
		}
		if (this.loops != null) {
			// A short quiet period, not none: loops that stop at once can drop a
			// connection's close (netty/netty#9603).
			this.loops.disposeLater(Duration.ofMillis(20), Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
			this.loops = null;
		}
	}

	private Mono<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		FaultQueue.Fault fault = this.faults.take();
		if (fault != null) {
			switch (fault.kind) {
				case RESET:
					return reset(response);
				case RESPOND:
					return respond(response, this.router.error(
							new ApiProblem(fault.status, code(fault.status), "Scripted fault: " + fault.status, null)),
							fault.retryAfter);
				case PROCESS_THEN_RESET:
					return body(request).flatMap((body) -> {
						route(request, body);
						return reset(response);
					});
				case DELAY:
					// Handled as it arrives, answered late: as a slow API, which acts
					// whether or not the client still waits for its answer.
					Duration delay = (fault.delay != null) ? fault.delay : Duration.ZERO;
					return body(request).flatMap((body) -> {
						Reply reply = route(request, body);
						return Mono.delay(delay).then(Mono.defer(() -> respond(response, reply, null)));
					});
			}
		}
		return answer(request, response);
	}

	private Mono<Void> answer(HttpServerRequest request, HttpServerResponse response) {
		return body(request).flatMap((body) -> respond(response, route(request, body), null));
	}

	private static Mono<byte[]> body(HttpServerRequest request) {
		return request.receive().aggregate().asByteArray().defaultIfEmpty(EMPTY);
	}

	private Reply route(HttpServerRequest request, byte[] body) {
		return this.router.handle(request.method().name(), path(request.uri()),
				request.requestHeaders().get(WireHeaders.AUTHORIZATION),
				request.requestHeaders().get(WireHeaders.IDEMPOTENCY_KEY), body);
	}

	private static Mono<Void> respond(HttpServerResponse response, Reply reply, @Nullable Duration retryAfter) {
		response.status(reply.status()).header(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
		if (retryAfter != null) {
			response.header(WireHeaders.RETRY_AFTER, Long.toString(Math.max(0, retryAfter.toSeconds())));
		}
		else if (reply.retryAfter() != null) {
			response.header(WireHeaders.RETRY_AFTER, reply.retryAfter());
		}
		if (reply.replayed()) {
			response.header(WireHeaders.IDEMPOTENT_REPLAYED, "true");
		}
		return response.sendByteArray(Mono.just(reply.body())).then();
	}

	// SO_LINGER 0 makes close() send a TCP RST: the client sees "connection reset", no
	// response.
	private static Mono<Void> reset(HttpServerResponse response) {
		response.withConnection((connection) -> {
			connection.channel().config().setOption(ChannelOption.SO_LINGER, 0);
			connection.channel().close();
		});
		return Mono.empty();
	}

	private static final Pattern SNAKE = Pattern.compile("[^a-z0-9]+");

	private static String code(int status) {
		return switch (status) {
			case 400 -> ApiProblem.INVALID_PARAMETER;
			case 401 -> ApiProblem.UNAUTHORIZED;
			case 402 -> ApiProblem.INSUFFICIENT_BALANCE;
			case 404 -> ApiProblem.NOT_FOUND;
			case 429 -> ApiProblem.RATE_LIMITED;
			case 500 -> ApiProblem.INTERNAL_ERROR;
			// snake_case as the others: 403 forbidden, 418 client_error_418, 503
			// service_unavailable
			default -> SNAKE.matcher(HttpResponseStatus.valueOf(status).reasonPhrase().toLowerCase(Locale.ROOT))
				.replaceAll("_")
				.replaceAll("^_|_$", "");
		};
	}

	private static String path(String uri) {
		int query = uri.indexOf('?');
		return (query >= 0) ? uri.substring(0, query) : uri;
	}

}
