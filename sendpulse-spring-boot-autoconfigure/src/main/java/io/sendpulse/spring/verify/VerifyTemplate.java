package io.sendpulse.spring.verify;

import io.sendpulse.spring.internal.client.Blocking;

/**
 * Verifies phone numbers with one-time codes. Thread-safe; inject the bean the
 * auto-configuration creates:
 * <p>
 * <pre class="code">
 * Verification verification = verify.start(VerificationRequest.builder().to("+14155550123").build());
 * // later, with the code the user typed in
 * boolean ok = verify.check(verification.requestId(), code).valid();
 * </pre>
 * <p>
 * Each blocking method waits for its twin on {@link #reactive()}, the view for
 * non-blocking code.
 */
public interface VerifyTemplate {

	/**
	 * Return the reactive view: the same operations, returning {@code Mono}.
	 * @return the reactive view
	 */
	ReactiveVerifyTemplate reactive();

	/**
	 * Start a verification: SendPulse sends the user a one-time code.
	 * @param request the verification; unset fields fall back to
	 * {@code sendpulse.verify.*}
	 * @return the verification, {@code pending}
	 */
	default Verification start(VerificationRequest request) {
		return Blocking.block(reactive().start(request));
	}

	/**
	 * Check the code the user entered.
	 * @param requestId the verification's id, {@code vrf_…}
	 * @param code the code, 4 to 8 digits
	 * @return whether the code was right
	 */
	default VerificationCheck check(String requestId, String code) {
		return Blocking.block(reactive().check(requestId, code));
	}

}
