package io.sendpulse.spring.internal.voice;

import io.sendpulse.spring.internal.PhoneNumbers;
import io.sendpulse.spring.internal.client.RequestRules;
import io.sendpulse.spring.internal.client.SendPulseClient;
import io.sendpulse.spring.voice.Call;
import io.sendpulse.spring.voice.CallRequest;
import io.sendpulse.spring.voice.ReactiveVoiceTemplate;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The {@link ReactiveVoiceTemplate} on the client core: requests with the configured
 * defaults filled in.
 */
public final class DefaultReactiveVoiceTemplate implements ReactiveVoiceTemplate {

	private final SendPulseClient client;

	private final @Nullable String defaultFrom;

	/**
	 * Create the template.
	 * @param client the client core
	 * @param defaultFrom the caller ID used when a request names none
	 * ({@code sendpulse.voice.from})
	 */
	public DefaultReactiveVoiceTemplate(SendPulseClient client, @Nullable String defaultFrom) {
		this.client = client;
		this.defaultFrom = (defaultFrom != null) ? RequestRules.callerId("sendpulse.voice.from", defaultFrom) : null;
	}

	@Override
	public Mono<Call> call(CallRequest request) {
		return Mono.defer(() -> this.client.post("voice.call", Call.class, "/v1/voice/call", withCaller(request)));
	}

	private CallRequest withCaller(CallRequest request) {
		if (request.from() != null) {
			return request;
		}
		if (this.defaultFrom == null) {
			throw new IllegalArgumentException("from is required: set it on the request or set sendpulse.voice.from");
		}
		return new CallRequest(request.to(), this.defaultFrom, request.actions(), request.timeout());
	}

	@Override
	public String toString() {
		return "DefaultReactiveVoiceTemplate[client=" + this.client + ", defaultFrom="
				+ PhoneNumbers.maskAll(this.defaultFrom) + "]";
	}

}
