package io.sendpulse.spring.autoconfigure;

import io.sendpulse.spring.internal.InvalidSendPulsePropertyException;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup stopped by a {@code sendpulse.*} property that breaks a rule checked
 * as the beans using it are made, as Spring Boot explains a property that cannot be
 * bound, but without showing the value: it may be a phone number or a secret.
 */
class InvalidSendPulsePropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSendPulsePropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSendPulsePropertyException cause) {
		return new FailureAnalysis(cause.getMessage(), "Update " + cause.getProperty()
				+ " in the application's configuration (application.yml, or the environment).", cause);
	}

}
