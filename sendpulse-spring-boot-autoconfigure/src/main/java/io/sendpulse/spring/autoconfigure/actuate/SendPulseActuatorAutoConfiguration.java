package io.sendpulse.spring.autoconfigure.actuate;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration for Spring Boot Actuator: the SendPulse API key and webhook secrets
 * always read {@code ******} in the {@code configprops} and {@code env} endpoints, even
 * where an application shows their values
 * ({@code management.endpoint.configprops.show-values} or
 * {@code management.endpoint.env.show-values} set to {@code always} or
 * {@code when-authorized}).
 */
@AutoConfiguration
@ConditionalOnClass(SanitizingFunction.class)
public final class SendPulseActuatorAutoConfiguration {

	@Bean
	SendPulseSecretsSanitizingFunction sendPulseSecretsSanitizingFunction(Environment environment) {
		return new SendPulseSecretsSanitizingFunction(environment);
	}

}
