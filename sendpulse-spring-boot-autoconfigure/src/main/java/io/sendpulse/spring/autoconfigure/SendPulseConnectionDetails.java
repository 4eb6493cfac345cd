package io.sendpulse.spring.autoconfigure;

import java.net.URI;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the SendPulse API is and how to authenticate to it. By default taken from
 * {@code sendpulse.base-url} and {@code sendpulse.api-key}; a bean of this type, such as
 * the one the sandbox of {@code sendpulse-spring-boot-test} defines, takes precedence.
 */
public interface SendPulseConnectionDetails extends ConnectionDetails {

	/**
	 * Return the API key, sent as a bearer token.
	 * @return the API key
	 */
	String apiKey();

	/**
	 * Return the API's base URL.
	 * @return the base URL
	 */
	URI baseUrl();

}
