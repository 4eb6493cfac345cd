package io.sendpulse.sample;

import io.sendpulse.spring.SendPulseException;
import io.sendpulse.spring.SendPulseNotFoundException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Turns what the templates raise into problem details: a request that breaks the API's
 * rules is the caller's mistake (400, naming the field); an id SendPulse does not know is
 * a 404; any other SendPulse failure is a bad gateway (502) carrying SendPulse's status
 * and error code. The starter's messages never hold the API key or a full phone number,
 * so they can be shown.
 */
@RestControllerAdvice
class SendPulseErrors {

	private static final Log logger = LogFactory.getLog(SendPulseErrors.class);

	@ExceptionHandler
	ProblemDetail invalidRequest(IllegalArgumentException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setTitle("Invalid request");
		return problem;
	}

	@ExceptionHandler
	ProblemDetail notFound(SendPulseNotFoundException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, ex.getMessage());
		problem.setTitle("Not found at SendPulse");
		return problem;
	}

	@ExceptionHandler
	ProblemDetail sendPulseFailed(SendPulseException ex) {
		logger.warn("SendPulse call failed: " + ex.getMessage());
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
		problem.setTitle("SendPulse call failed");
		problem.setProperty("sendpulseStatus", ex.getStatusCode());
		if (ex.getErrorCode() != null) {
			problem.setProperty("sendpulseError", ex.getErrorCode());
		}
		problem.setProperty("retryable", ex.isRetryable());
		return problem;
	}

}
