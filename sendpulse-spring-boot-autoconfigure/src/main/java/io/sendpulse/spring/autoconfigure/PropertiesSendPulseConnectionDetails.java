package io.sendpulse.spring.autoconfigure;

import java.net.URI;

import org.springframework.util.Assert;

/**
 * {@link SendPulseConnectionDetails} from {@code sendpulse.*} properties.
 */
final class PropertiesSendPulseConnectionDetails implements SendPulseConnectionDetails {

	private final SendPulseProperties properties;

	PropertiesSendPulseConnectionDetails(SendPulseProperties properties) {
		this.properties = properties;
	}

	@Override
	public String apiKey() {
		String apiKey = this.properties.getApiKey();
		Assert.state(apiKey != null, "sendpulse.api-key is not set");
		// A key read from a file or a secret often ends in a newline, which no header may
		// carry.
		return apiKey.strip();
	}

	@Override
	public URI baseUrl() {
		return this.properties.getBaseUrl();
	}

}
