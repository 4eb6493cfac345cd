package io.sendpulse.spring.voice;

import io.sendpulse.spring.client.SendPulseClient;
import org.jspecify.annotations.Nullable;

/**
 * Places voice calls through SendPulse. Thread-safe; inject the bean the auto-configuration
 * creates:
 * <pre>{@code
 * Call call = voice.call(CallRequest.builder().to("+14155550123")
 *     .actions(VoiceAction.say("Your parcel arrives today")).build());
 * }</pre>
 * Call progress arrives as {@code call.*} webhooks. For non-blocking code use
 * {@link #reactive()}.
 */
public class VoiceTemplate {

	private final ReactiveVoiceTemplate reactive;

	/**
	 * Create a template.
	 * @param client the client core
	 * @param defaultFrom the caller ID used when a request names none
	 * ({@code sendpulse.voice.from})
	 */
	public VoiceTemplate(SendPulseClient client, @Nullable String defaultFrom) {
		this.reactive = new ReactiveVoiceTemplate(client, defaultFrom);
	}

	/**
	 * Place a call.
	 * @param request the call; its caller ID defaults to {@code sendpulse.voice.from}
	 * @return the call as SendPulse accepted it ({@code queued})
	 */
	public Call call(CallRequest request) {
		return SendPulseClient.block(this.reactive.call(request));
	}

	/**
	 * Return the reactive view: the same operations, returning {@code Mono}.
	 * @return the reactive view
	 */
	public ReactiveVoiceTemplate reactive() {
		return this.reactive;
	}

}
