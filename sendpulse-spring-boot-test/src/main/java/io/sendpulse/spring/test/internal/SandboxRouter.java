package io.sendpulse.spring.test.internal;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Routing, independent of HTTP: one call in, one {@link Reply} out, in the API's order:
 * the API key, then the account's rate window, then the endpoint, whose POSTs go through
 * the {@link IdempotencyStore}. Recordings are served without a key, as media URLs are.
 */
final class SandboxRouter {

	private static final Log logger = LogFactory.getLog(SandboxRouter.class);

	private static final String SMS_PREFIX = "/v1/sms/";

	private final WireJson json;

	private final Accounts accounts;

	private final IdempotencyStore idempotency;

	private final SmsSimulation sms;

	private final CallSimulation calls;

	private final VerificationSimulation verifications;

	SandboxRouter(WireJson json, Accounts accounts, IdempotencyStore idempotency, SmsSimulation sms,
			CallSimulation calls, VerificationSimulation verifications) {
		this.json = json;
		this.accounts = accounts;
		this.idempotency = idempotency;
		this.sms = sms;
		this.calls = calls;
		this.verifications = verifications;
	}

	Reply handle(String method, String path, @Nullable String authorization, @Nullable String idempotencyKey,
			byte[] body) {
		try {
			if ("GET".equals(method) && path.startsWith(CallSimulation.RECORDINGS_PREFIX)) {
				return this.calls.recording(path.substring(CallSimulation.RECORDINGS_PREFIX.length()));
			}
			Account account = this.accounts.authenticate(authorization);
			if (!account.rate().tryAcquire()) {
				throw new ApiProblem(429, ApiProblem.RATE_LIMITED, "Too many requests: wait and retry", null);
			}
			if ("GET".equals(method) && path.startsWith(SMS_PREFIX) && path.indexOf('/', SMS_PREFIX.length()) < 0) {
				return this.sms.status(account, path.substring(SMS_PREFIX.length()));
			}
			if ("POST".equals(method)) {
				return switch (path) {
					case "/v1/sms/send" -> this.idempotency.once(account, path, idempotencyKey, body,
							() -> this.sms.send(account, this.json.request(body)));
					case "/v1/voice/call" -> this.idempotency.once(account, path, idempotencyKey, body,
							() -> this.calls.place(account, this.json.request(body)));
					case "/v1/verify/start" -> this.idempotency.once(account, path, idempotencyKey, body,
							() -> this.verifications.start(account, this.json.request(body)));
					case "/v1/verify/check" -> this.idempotency.once(account, path, idempotencyKey, body,
							() -> this.verifications.check(account, this.json.request(body)));
					default -> throw notFound(method, path);
				};
			}
			throw notFound(method, path);
		}
		catch (ApiProblem problem) {
			return this.json.error(problem);
		}
		catch (RuntimeException ex) {
			logger.error("The SendPulse sandbox failed to handle " + method + " " + path, ex);
			return this.json.error(new ApiProblem(500, ApiProblem.INTERNAL_ERROR, "Internal error", null));
		}
	}

	Reply error(ApiProblem problem) {
		return this.json.error(problem);
	}

	private static ApiProblem notFound(String method, String path) {
		return new ApiProblem(404, ApiProblem.NOT_FOUND, "No such endpoint: " + method + " " + path, null);
	}

}
