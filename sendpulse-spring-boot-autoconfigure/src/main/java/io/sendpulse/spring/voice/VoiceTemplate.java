package io.sendpulse.spring.voice;

import io.sendpulse.spring.internal.client.Blocking;

/**
 * Places voice calls through SendPulse. Thread-safe; inject the bean the
 * auto-configuration creates:
 * <p>
 * <pre class="code">
 * Call call = voice.call(CallRequest.builder().to("+14155550123")
 *     .actions(VoiceAction.say("Your parcel arrives today")).build());
 * </pre>
 * <p>
 * Call progress arrives as {@code call.*} webhooks. Each blocking method waits for its
 * twin on {@link #reactive()}, the view for non-blocking code.
 */
public interface VoiceTemplate {

	/**
	 * Return the reactive view: the same operations, returning {@code Mono}.
	 * @return the reactive view
	 */
	ReactiveVoiceTemplate reactive();

	/**
	 * Place a call.
	 * @param request the call; its caller ID defaults to {@code sendpulse.voice.from}
	 * @return the call as SendPulse accepted it ({@code queued})
	 */
	default Call call(CallRequest request) {
		return Blocking.block(reactive().call(request));
	}

}
