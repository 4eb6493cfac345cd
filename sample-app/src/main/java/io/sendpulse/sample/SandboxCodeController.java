package io.sendpulse.sample;

import io.sendpulse.spring.test.SendPulseSandbox;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Only on the sandbox: tells the code the sandbox "sent" for a verification, {@code GET
 * /sandbox/verifications/{requestId}/code}, so that the page can show what the customer
 * would read on their phone. With the real API ({@code live} profile) there is no such
 * endpoint: the code is on the customer's phone only.
 */
@RestController
@ConditionalOnBooleanProperty("sendpulse.sandbox.enabled")
class SandboxCodeController {

	private final SendPulseSandbox sandbox;

	SandboxCodeController(SendPulseSandbox sandbox) {
		this.sandbox = sandbox;
	}

	@GetMapping("/sandbox/verifications/{requestId}/code")
	SentCode code(@PathVariable String requestId) {
		return this.sandbox.verifications()
			.stream()
			.filter((verification) -> verification.requestId().equals(requestId))
			.findFirst()
			.map((verification) -> new SentCode(verification.requestId(), verification.code()))
			.orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
					"The sandbox started no verification with this id"));
	}

	/**
	 * The code the sandbox sent.
	 *
	 * @param requestId the verification's id
	 * @param code the code, as the customer would read it
	 */
	record SentCode(String requestId, String code) {

	}

}
