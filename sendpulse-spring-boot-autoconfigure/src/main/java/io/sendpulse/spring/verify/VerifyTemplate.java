package io.sendpulse.spring.verify;

import java.time.Duration;

import io.sendpulse.spring.client.SendPulseClient;
import org.jspecify.annotations.Nullable;

/**
 * Verifies phone numbers with one-time codes. Thread-safe; inject the bean the
 * auto-configuration creates:
 * <pre>{@code
 * Verification verification = verify.start(VerificationRequest.builder().to("+14155550123").build());
 * // later, with the code the user typed in
 * boolean ok = verify.check(verification.requestId(), code).valid();
 * }</pre>
 * For non-blocking code use {@link #reactive()}.
 */
public class VerifyTemplate {

	private final ReactiveVerifyTemplate reactive;

	/**
	 * Create a template.
	 * @param client the client core
	 * @param channel the channel used when a request names none
	 * ({@code sendpulse.verify.channel})
	 * @param codeLength the code length used when a request names none
	 * ({@code sendpulse.verify.code-length})
	 * @param expiry the expiry used when a request names none
	 * ({@code sendpulse.verify.expiry})
	 */
	public VerifyTemplate(SendPulseClient client, @Nullable Channel channel, @Nullable Integer codeLength,
			@Nullable Duration expiry) {
		this.reactive = new ReactiveVerifyTemplate(client, channel, codeLength, expiry);
	}

	/**
	 * Start a verification: SendPulse sends the user a one-time code.
	 * @param request the verification; unset fields fall back to {@code sendpulse.verify.*}
	 * @return the verification, {@code pending}
	 */
	public Verification start(VerificationRequest request) {
		return SendPulseClient.block(this.reactive.start(request));
	}

	/**
	 * Check the code the user entered.
	 * @param requestId the verification's id, {@code vrf_…}
	 * @param code the code, 4 to 8 digits
	 * @return whether the code was right
	 */
	public VerificationCheck check(String requestId, String code) {
		return SendPulseClient.block(this.reactive.check(requestId, code));
	}

	/**
	 * Return the reactive view: the same operations, returning {@code Mono}.
	 * @return the reactive view
	 */
	public ReactiveVerifyTemplate reactive() {
		return this.reactive;
	}

}
