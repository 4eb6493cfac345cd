package io.sendpulse.spring;

import io.sendpulse.spring.internal.PhoneNumbers;
import org.jspecify.annotations.Nullable;

/**
 * The error the SendPulse API wrote in a response body:
 * {@code {"error":{"code":"…","message":"…","param":"…"}}}.
 *
 * @param code the API's error code, for example {@code invalid_parameter}
 * @param message the API's human-readable message
 * @param param the request field the error is about, when the API names one
 */
public record ApiError(@Nullable String code, @Nullable String message, @Nullable String param) {

	@Override
	public String toString() {
		return "ApiError[code=" + this.code + ", message=" + PhoneNumbers.maskAll(this.message) + ", param="
				+ this.param + "]";
	}

}
