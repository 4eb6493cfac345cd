package io.sendpulse.spring.internal.client;

import java.time.Clock;

import io.sendpulse.spring.ApiError;
import io.sendpulse.spring.internal.PhoneNumbers;
import io.sendpulse.spring.SendPulseAuthenticationException;
import io.sendpulse.spring.SendPulseBadRequestException;
import io.sendpulse.spring.SendPulseException;
import io.sendpulse.spring.SendPulseInsufficientBalanceException;
import io.sendpulse.spring.SendPulseNotFoundException;
import io.sendpulse.spring.SendPulseRateLimitException;
import io.sendpulse.spring.SendPulseServerException;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpMethod;

/**
 * Turns an error answer into the exception of its kind, deciding by the contract's table
 * whether the call may be retried.
 */
final class ApiErrors {

	private ApiErrors() {
	}

	static SendPulseException toException(HttpMethod method, String uriTemplate, int status,
			@Nullable String retryAfter, @Nullable ApiError error, int attempt) {
		String message = message(method, uriTemplate, status, error, attempt);
		return switch (status) {
			case 400 -> new SendPulseBadRequestException(message, error, attempt);
			case 401, 403 -> new SendPulseAuthenticationException(message, status, error, attempt);
			case 402 -> new SendPulseInsufficientBalanceException(message, error, attempt);
			case 404 -> new SendPulseNotFoundException(message, error, attempt);
			case 429 -> new SendPulseRateLimitException(message, status, error, attempt,
					RetryAfter.parse(retryAfter, Clock.systemUTC()));
			default -> (status >= 500)
					? new SendPulseServerException(message, status, error, attempt,
							isRetryableServerError(method, status))
					: new SendPulseException(message, status, error, attempt, false, null);
		};
	}

	/**
	 * A 500 means the API may have acted: only a GET is retried. 502-504 come from a
	 * gateway before the API saw the request.
	 */
	private static boolean isRetryableServerError(HttpMethod method, int status) {
		return (status == 500) ? HttpMethod.GET.equals(method) : (status == 502 || status == 503 || status == 504);
	}

	static String message(HttpMethod method, String uriTemplate, int status, @Nullable ApiError error, int attempt) {
		StringBuilder message = new StringBuilder("SendPulse answered ").append(status)
			.append(" to ")
			.append(method.name())
			.append(' ')
			.append(uriTemplate);
		if (error != null) {
			message.append(": ");
			if (error.code() != null) {
				message.append(error.code());
			}
			if (error.message() != null) {
				message.append((error.code() != null) ? " - " : "").append(PhoneNumbers.maskAll(error.message()));
			}
			if (error.param() != null) {
				message.append(" (param '").append(error.param()).append("')");
			}
		}
		return message.append(attempts(attempt)).toString();
	}

	static String attempts(int attempt) {
		return " [" + attempt + ((attempt == 1) ? " attempt]" : " attempts]");
	}

}
