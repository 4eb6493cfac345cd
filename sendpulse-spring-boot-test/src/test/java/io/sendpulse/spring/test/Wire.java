package io.sendpulse.spring.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plain JDK HTTP calls to a sandbox, to pin its wire behaviour without our client in
 * between.
 */
final class Wire {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final SendPulseSandbox sandbox;

	Wire(SendPulseSandbox sandbox) {
		this.sandbox = sandbox;
	}

	Response post(String path, String body) {
		return post(path, body, UUID.randomUUID().toString());
	}

	Response post(String path, String body, String idempotencyKey) {
		return send(request(path, "Bearer " + this.sandbox.apiKey()).header("Idempotency-Key", idempotencyKey)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	Response postWithAuthorization(String path, String body, String authorization) {
		HttpRequest.Builder request = request(path, authorization).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
		return send(request);
	}

	Response get(String path) {
		return send(request(path, "Bearer " + this.sandbox.apiKey()).GET());
	}

	HttpResponse<String> raw(HttpRequest request) throws IOException, InterruptedException {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	HttpRequest.Builder request(String path, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.sandbox.baseUrl() + path))
			.timeout(Duration.ofSeconds(20));
		if (authorization != null && !authorization.isEmpty()) {
			request.header("Authorization", authorization);
		}
		return request;
	}

	Response send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = raw(request.build());
			return new Response(response.statusCode(), response.headers().firstValue("Retry-After").orElse(null),
					response.headers().firstValue("Idempotent-Replayed").isPresent(), response.body());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	record Response(int status, String retryAfter, boolean replayed, String body) {

		JsonNode json() {
			return json.readTree(this.body);
		}

		String text(String pointer) {
			return json().at(pointer).asString();
		}

	}

}
