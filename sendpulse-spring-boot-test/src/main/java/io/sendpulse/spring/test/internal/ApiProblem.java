package io.sendpulse.spring.test.internal;

import org.jspecify.annotations.Nullable;

/**
 * An error the sandbox answers with the API's error body
 * {@code {"error":{"code","message","param"?}}}. Thrown while a request is handled; it
 * has no stack trace, as it is an answer, not a bug.
 */
final class ApiProblem extends RuntimeException {

	static final String INVALID_PARAMETER = "invalid_parameter";

	static final String UNAUTHORIZED = "unauthorized";

	static final String INSUFFICIENT_BALANCE = "insufficient_balance";

	static final String NOT_FOUND = "not_found";

	static final String RATE_LIMITED = "rate_limited";

	static final String INTERNAL_ERROR = "internal_error";

	private final int status;

	private final String code;

	private final @Nullable String param;

	ApiProblem(int status, String code, String message, @Nullable String param) {
		super(message, null, false, false);
		this.status = status;
		this.code = code;
		this.param = param;
	}

	static ApiProblem invalid(String param, String message) {
		return new ApiProblem(400, INVALID_PARAMETER, message, param);
	}

	static ApiProblem notFound(String param, String message) {
		return new ApiProblem(404, NOT_FOUND, message, param);
	}

	int status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

	@Nullable String param() {
		return this.param;
	}

}
