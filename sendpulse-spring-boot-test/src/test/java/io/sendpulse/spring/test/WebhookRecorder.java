package io.sendpulse.spring.test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sendpulse.spring.webhook.WebhookSigner;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small receiving application for the sandbox's webhooks: a Reactor Netty server on
 * loopback that records every request and answers the statuses it is told to (200 by
 * default).
 */
final class WebhookRecorder implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final List<Received> received = new CopyOnWriteArrayList<>();

	private final ConcurrentLinkedQueue<Integer> answers = new ConcurrentLinkedQueue<>();

	private final DisposableServer server;

	WebhookRecorder() {
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> request.receive().aggregate().asByteArray().flatMap((body) -> {
				Integer status = this.answers.poll();
				int answer = (status != null) ? status : 200;
				this.received.add(new Received(request.uri(), request.requestHeaders().get("X-Signature"),
						new String(body, StandardCharsets.UTF_8), body, answer));
				return response.status(answer).send().then();
			}).then())
			.bindNow(Duration.ofSeconds(10));
	}

	URI url(String path) {
		return URI.create("http://127.0.0.1:" + this.server.port() + path);
	}

	int port() {
		return this.server.port();
	}

	void answer(Integer... statuses) {
		this.answers.addAll(List.of(statuses));
	}

	List<Received> received() {
		return List.copyOf(this.received);
	}

	List<String> events() {
		return this.received.stream()
			.filter((r) -> r.status() == 200)
			.map((r) -> r.json().path("event").asString())
			.toList();
	}

	void clear() {
		this.received.clear();
		this.answers.clear();
	}

	@Override
	public void close() {
		this.server.disposeNow(Duration.ofSeconds(5));
	}

	record Received(String path, String signature, String body, byte[] bytes, int status) {

		JsonNode json() {
			return json.readTree(this.body);
		}

		boolean signedWith(String secret) {
			return new WebhookSigner(secret).sign(this.bytes).equals(this.signature);
		}

	}

}
