package io.sendpulse.spring.autoconfigure;

import org.springframework.web.reactive.function.client.WebClient;

/**
 * Adjusts the {@link WebClient.Builder} the SendPulse client is built from (filters,
 * codecs, a connector), without touching the application's other web clients.
 */
@FunctionalInterface
public interface SendPulseWebClientCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder, carrying the SendPulse connector with the
	 * {@code sendpulse.connect-timeout} and {@code sendpulse.read-timeout} (a connector
	 * set here replaces them: give it its own timeouts); the base URL, the API key and
	 * the default headers are set after the customizers ran, so they always win
	 */
	void customize(WebClient.Builder builder);

}
