package io.sendpulse.spring.internal.verify;

import java.time.Duration;

import io.sendpulse.spring.internal.client.RequestRules;
import io.sendpulse.spring.internal.client.SendPulseClient;
import io.sendpulse.spring.verify.Channel;
import io.sendpulse.spring.verify.ReactiveVerifyTemplate;
import io.sendpulse.spring.verify.Verification;
import io.sendpulse.spring.verify.VerificationCheck;
import io.sendpulse.spring.verify.VerificationRequest;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * The {@link ReactiveVerifyTemplate} on the client core: requests with the configured
 * defaults filled in.
 */
public final class DefaultReactiveVerifyTemplate implements ReactiveVerifyTemplate {

	private final SendPulseClient client;

	private final @Nullable Channel channel;

	private final @Nullable Integer codeLength;

	private final @Nullable Duration expiry;

	/**
	 * Create the template.
	 * @param client the client core
	 * @param channel the channel used when a request names none
	 * @param codeLength the code length used when a request names none
	 * @param expiry the expiry used when a request names none
	 */
	public DefaultReactiveVerifyTemplate(SendPulseClient client, @Nullable Channel channel,
			@Nullable Integer codeLength, @Nullable Duration expiry) {
		this.client = client;
		this.channel = channel;
		this.codeLength = codeLength;
		this.expiry = expiry;
	}

	@Override
	public Mono<Verification> start(VerificationRequest request) {
		return Mono.defer(
				() -> this.client.post("verify.start", Verification.class, "/v1/verify/start", withDefaults(request)));
	}

	@Override
	public Mono<VerificationCheck> check(String requestId, String code) {
		return Mono.defer(() -> {
			RequestRules.id("requestId", requestId);
			RequestRules.code("code", code);
			return this.client.post("verify.check", VerificationCheck.class, "/v1/verify/check",
					new CheckBody(requestId, code));
		});
	}

	private VerificationRequest withDefaults(VerificationRequest request) {
		return new VerificationRequest(request.to(), (request.channel() != null) ? request.channel() : this.channel,
				(request.codeLength() != null) ? request.codeLength() : this.codeLength,
				(request.expiry() != null) ? request.expiry() : this.expiry);
	}

	@Override
	public String toString() {
		return "DefaultReactiveVerifyTemplate[client=" + this.client + ", channel=" + this.channel + ", codeLength="
				+ this.codeLength + ", expiry=" + this.expiry + "]";
	}

	/** The body of {@code POST /v1/verify/check}. */
	record CheckBody(String requestId, String code) {

		@Override
		public String toString() {
			return "CheckBody[requestId=" + this.requestId + ", code=(hidden)]";
		}

	}

}
