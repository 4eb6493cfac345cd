package io.sendpulse.spring.autoconfigure;

import java.net.URI;

import io.sendpulse.spring.internal.InvalidSendPulsePropertyException;
import io.sendpulse.spring.internal.accounts.ApiKeys;
import io.sendpulse.spring.internal.client.RequestRules;

import org.springframework.core.env.Environment;
import org.springframework.util.Assert;

/**
 * {@link SendPulseConnectionDetails} from {@code sendpulse.*} properties.
 */
final class PropertiesSendPulseConnectionDetails implements SendPulseConnectionDetails {

	private final SendPulseProperties properties;

	PropertiesSendPulseConnectionDetails(SendPulseProperties properties, Environment environment) {
		// A blank value binds as none, which would leave the default: SendPulse itself,
		// where an unset ${...:} meant a test server.
		String given = environment.getProperty("sendpulse.base-url");
		if (given != null && given.isBlank()) {
			throw new InvalidSendPulsePropertyException("sendpulse.base-url",
					"sendpulse.base-url is set but blank: give an absolute http or https URL, or leave it unset for "
							+ "https://api.sendpulse.io");
		}
		InvalidSendPulsePropertyException.check("sendpulse.base-url",
				() -> RequestRules.httpUrl("sendpulse.base-url", properties.getBaseUrl()));
		// A key that no Authorization header can carry fails here, naming the property,
		// not at each call as a connection failure.
		String apiKey = properties.getApiKey();
		if (apiKey != null) {
			InvalidSendPulsePropertyException.check("sendpulse.api-key",
					() -> ApiKeys.checked(apiKey, "sendpulse.api-key"));
		}
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
