package io.sendpulse.spring.verify;

import java.time.Duration;

import io.sendpulse.spring.client.RequestRules;
import io.sendpulse.spring.client.SendPulseClient;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The reactive view of {@link VerifyTemplate}: the same operations, returning {@link Mono}.
 * Nothing is sent until the returned {@code Mono} is subscribed to.
 */
public final class ReactiveVerifyTemplate {

	private final SendPulseClient client;

	private final @Nullable Channel channel;

	private final @Nullable Integer codeLength;

	private final @Nullable Duration expiry;

	ReactiveVerifyTemplate(SendPulseClient client, @Nullable Channel channel, @Nullable Integer codeLength,
			@Nullable Duration expiry) {
		this.client = client;
		this.channel = channel;
		this.codeLength = codeLength;
		this.expiry = expiry;
	}

	/**
	 * Start a verification: SendPulse sends the user a one-time code.
	 * @param request the verification; unset fields fall back to {@code sendpulse.verify.*}
	 * @return the verification, {@code pending}
	 */
	public Mono<Verification> start(VerificationRequest request) {
		return Mono.defer(() -> this.client.post("verify.start", Verification.class, "/v1/verify/start",
				request.withDefaults(this.channel, this.codeLength, this.expiry)));
	}

	/**
	 * Check the code the user entered.
	 * @param requestId the verification's id, {@code vrf_…}
	 * @param code the code, 4 to 8 digits
	 * @return whether the code was right
	 */
	public Mono<VerificationCheck> check(String requestId, String code) {
		return Mono.defer(() -> {
			RequestRules.required("request_id", requestId);
			if (!RequestRules.required("code", code).matches("[0-9]{4,8}")) {
				throw new IllegalArgumentException("code must be 4 to 8 digits");
			}
			return this.client.post("verify.check", VerificationCheck.class, "/v1/verify/check",
					new CheckBody(requestId, code));
		});
	}

	/** The body of {@code POST /v1/verify/check}. */
	record CheckBody(String requestId, String code) {

		@Override
		public String toString() {
			return "CheckBody[requestId=" + this.requestId + ", code=(hidden)]";
		}

	}

}
