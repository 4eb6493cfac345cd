package io.sendpulse.sample;

import java.time.Instant;

import io.sendpulse.spring.verify.Verification;
import io.sendpulse.spring.verify.VerificationCheck;
import io.sendpulse.spring.verify.VerificationRequest;
import io.sendpulse.spring.verify.VerifyTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/**
 * Verifies that a customer holds a phone number: {@code POST /verifications} sends a code
 * ({@code sendpulse.verify.*} set the channel, length and expiry), {@code POST
 * /verifications/{requestId}/check} checks the code the customer entered.
 */
@RestController
class VerificationController {

	private final VerifyTemplate verify;

	VerificationController(VerifyTemplate verify) {
		this.verify = verify;
	}

	@PostMapping("/verifications")
	@ResponseStatus(HttpStatus.CREATED)
	StartedVerification start(@RequestBody StartRequest request) {
		VerificationRequest.Builder verification = VerificationRequest.builder();
		if (request.to() != null) {
			verification.to(request.to());
		}
		Verification started = this.verify.start(verification.build());
		return new StartedVerification(started.requestId(), started.channel().value(), started.status().value(),
				started.expiresAt());
	}

	@PostMapping("/verifications/{requestId}/check")
	CheckedCode check(@PathVariable String requestId, @RequestBody CheckRequest request) {
		// The template rejects a missing or malformed code before asking SendPulse.
		VerificationCheck check = this.verify.check(requestId, (request.code() != null) ? request.code() : "");
		return new CheckedCode(check.requestId(), check.valid());
	}

	/**
	 * A number to verify.
	 *
	 * @param to the customer's phone number, E.164
	 */
	record StartRequest(@Nullable String to) {

	}

	/**
	 * A code was sent.
	 *
	 * @param requestId the verification's id, to check the code against
	 * @param channel how the code was sent: {@code sms}, {@code voice} or
	 * {@code whatsapp}
	 * @param status {@code pending}
	 * @param expiresAt when the code expires
	 */
	record StartedVerification(String requestId, String channel, String status, @Nullable Instant expiresAt) {

	}

	/**
	 * The code the customer entered.
	 *
	 * @param code 4 to 8 digits
	 */
	record CheckRequest(@Nullable String code) {

	}

	/**
	 * The answer to a check.
	 *
	 * @param requestId the verification's id
	 * @param valid whether the code was right
	 */
	record CheckedCode(String requestId, boolean valid) {

	}

}
