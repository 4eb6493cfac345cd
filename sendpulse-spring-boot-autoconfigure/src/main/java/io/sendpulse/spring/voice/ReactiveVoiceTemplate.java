package io.sendpulse.spring.voice;

import io.sendpulse.spring.client.RequestRules;
import io.sendpulse.spring.client.SendPulseClient;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The reactive view of {@link VoiceTemplate}: the same operations, returning {@link Mono}.
 * Nothing is sent until the returned {@code Mono} is subscribed to.
 */
public final class ReactiveVoiceTemplate {

	private final SendPulseClient client;

	private final @Nullable String defaultFrom;

	ReactiveVoiceTemplate(SendPulseClient client, @Nullable String defaultFrom) {
		this.client = client;
		this.defaultFrom = (defaultFrom != null) ? RequestRules.sender("sendpulse.voice.from", defaultFrom) : null;
	}

	/**
	 * Place a call.
	 * @param request the call; its caller ID defaults to {@code sendpulse.voice.from}
	 * @return the call as SendPulse accepted it ({@code queued})
	 */
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
		return request.withFrom(this.defaultFrom);
	}

}
