package io.sendpulse.spring.autoconfigure;

import io.sendpulse.spring.verify.Channel;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * Explains a {@code sendpulse.verify.channel} (or an account's) that cannot be bound with
 * the channels a property may name. Spring Boot's own analysis would list every constant
 * of {@link Channel}, {@code UNKNOWN} included, which stands for a channel in the API's
 * answers that this version does not know and is refused as a setting. Ordered before
 * Boot's analysis of a bind failure.
 */
class InvalidChannelFailureAnalyzer extends AbstractFailureAnalyzer<BindException> implements Ordered {

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindException cause) {
		// By the property's name: a value that is no channel fails its conversion, and
		// UNKNOWN fails the setter, while the verify properties are bound.
		ConfigurationProperty property = cause.getProperty();
		String name = (property != null) ? property.getName().toString() : "";
		if (property == null || !(name.equals("sendpulse.verify.channel")
				|| (name.startsWith("sendpulse.accounts.") && name.endsWith(".verify.channel")))) {
			return null;
		}
		String description = String.format("%s:%n%n    Property: %s%n    Value: \"%s\"%n    Origin: %s%n    Reason: %s",
				cause.getMessage(), name, property.getValue(), property.getOrigin(),
				name + " must be " + SendPulseProperties.CHANNELS);
		return new FailureAnalysis(description,
				"Update " + name + " in the application's configuration (application.yml, or the environment) to "
						+ SendPulseProperties.CHANNELS + ".",
				cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
