package io.sendpulse.sample;

import io.sendpulse.spring.voice.Call;
import io.sendpulse.spring.voice.CallRequest;
import io.sendpulse.spring.voice.VoiceAction;
import io.sendpulse.spring.voice.VoiceTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Calls a customer, says a message and collects one key: {@code POST /calls}. The call's
 * progress and the key pressed arrive as webhooks ({@code call.*}, {@code call.gather});
 * see {@code GET /events}. The caller ID is {@code sendpulse.voice.from}.
 */
@RestController
class CallController {

	private final VoiceTemplate voice;

	CallController(VoiceTemplate voice) {
		this.voice = voice;
	}

	@PostMapping("/calls")
	@ResponseStatus(HttpStatus.ACCEPTED)
	PlacedCall call(@RequestBody NewCall request) {
		Call call = this.voice.call(sayAndGather(request.to(), request.message()));
		return new PlacedCall(call.id(), call.status().value());
	}

	/**
	 * Build the call the service places: say the message, then wait for one key.
	 * @param to the callee
	 * @param message what to say
	 * @return the request
	 * @throws IllegalArgumentException naming the field that is missing or wrong
	 */
	static CallRequest sayAndGather(@Nullable String to, @Nullable String message) {
		CallRequest.Builder call = CallRequest.builder();
		if (to != null) {
			call.to(to);
		}
		if (message == null) {
			throw new IllegalArgumentException("message is required");
		}
		return call.actions(VoiceAction.say(message), VoiceAction.gather().numDigits(1).build()).build();
	}

	/**
	 * A call to place.
	 *
	 * @param to the customer's phone number, E.164
	 * @param message what to say before waiting for a key, such as "Press 1 to confirm
	 * your delivery"
	 */
	record NewCall(@Nullable String to, @Nullable String message) {

	}

	/**
	 * A call on its way.
	 *
	 * @param id the call's id, as its webhooks name it
	 * @param status where it is, {@code queued}
	 */
	record PlacedCall(String id, String status) {

	}

}
