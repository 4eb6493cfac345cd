package io.sendpulse.spring.internal.webhook.redis;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.sendpulse.spring.webhook.WebhookSigner;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Posts a signed delivery to a running instance's webhook endpoint, as SendPulse does.
 */
final class SignedDeliveries {

	private static final HttpClient HTTP = HttpClient.newHttpClient();

	private SignedDeliveries() {
	}

	/**
	 * Post a delivery.
	 * @param instance the application
	 * @param path the endpoint's path
	 * @param body the body
	 * @param signature its {@code X-Signature}
	 * @return the status the endpoint answered
	 */
	static int post(ConfigurableApplicationContext instance, String path, byte[] body, String signature)
			throws IOException, InterruptedException {
		int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Content-Type", "application/json")
			.header(WebhookSigner.SIGNATURE_HEADER, signature)
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.timeout(Duration.ofSeconds(30))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
