package io.sendpulse.spring.voice;

import reactor.core.publisher.Mono;

/**
 * The reactive view of {@link VoiceTemplate}: the same operations, returning
 * {@link Mono}. Nothing is sent until the returned {@code Mono} is subscribed to.
 */
public interface ReactiveVoiceTemplate {

	/**
	 * Place a call.
	 * @param request the call; its caller ID defaults to {@code sendpulse.voice.from}
	 * @return the call as SendPulse accepted it ({@code queued})
	 */
	Mono<Call> call(CallRequest request);

}
