package io.sendpulse.spring.verify;

import reactor.core.publisher.Mono;

/**
 * The reactive view of {@link VerifyTemplate}: the same operations, returning
 * {@link Mono}. Nothing is sent until the returned {@code Mono} is subscribed to.
 */
public interface ReactiveVerifyTemplate {

	/**
	 * Start a verification: SendPulse sends the user a one-time code.
	 * @param request the verification; unset fields fall back to
	 * {@code sendpulse.verify.*}
	 * @return the verification, {@code pending}
	 */
	Mono<Verification> start(VerificationRequest request);

	/**
	 * Check the code the user entered.
	 * @param requestId the verification's id, {@code vrf_…}
	 * @param code the code, 4 to 8 digits
	 * @return whether the code was right
	 */
	Mono<VerificationCheck> check(String requestId, String code);

}
