package io.sendpulse.benchmarks;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;

import io.netty.channel.ChannelOption;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;

import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * A baseline of B1 and B2: a {@link WebClient} POSTing the same JSON as the starter and
 * decoding the same response, built the way an application would without the starter.
 */
final class RawClient {

	private static final RawRequest REQUEST = new RawRequest("+14155550123", "Bench", "Your order has shipped");

	private final WebClient client;

	private RawClient(WebClient.Builder builder, URI baseUrl) {
		this.client = builder.baseUrl(baseUrl.toString())
			.defaultHeaders((headers) -> headers.setBearerAuth("bench-key"))
			.build();
	}

	/** {@code WebClient.builder()} as it comes: Reactor Netty's global resources. */
	static RawClient defaults(URI baseUrl) {
		return new RawClient(WebClient.builder(), baseUrl);
	}

	/**
	 * Reactor Netty with a connect and a read (response) timeout, set the way the
	 * starter's own connector and Boot's {@code HttpClientSettings} set them.
	 */
	static RawClient withTimeouts(URI baseUrl, Duration connectTimeout, Duration readTimeout) {
		HttpClient httpClient = HttpClient.create()
			.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
			.responseTimeout(readTimeout);
		return new RawClient(WebClient.builder().clientConnector(new ReactorClientHttpConnector(httpClient)), baseUrl);
	}

	static RawClient with(WebClient.Builder builder, URI baseUrl) {
		return new RawClient(builder, baseUrl);
	}

	Mono<RawMessage> send() {
		return this.client.post().uri("/v1/sms/send").bodyValue(REQUEST).retrieve().bodyToMono(RawMessage.class);
	}

	record RawRequest(String to, String from, String text) {
	}

	record RawMessage(String id, String to, String status, int segments, BigDecimal cost) {
	}

}
