package io.sendpulse.spring.test.internal;

import org.jspecify.annotations.Nullable;

/**
 * One answer of the sandbox: status, optional {@code Retry-After}, whether it replays a
 * stored answer, the body and its content type.
 */
record Reply(int status, @Nullable String retryAfter, boolean replayed, byte[] body, String contentType) {

	static final String JSON = "application/json";

	Reply asReplay() {
		return new Reply(this.status, this.retryAfter, true, this.body, this.contentType);
	}

}
