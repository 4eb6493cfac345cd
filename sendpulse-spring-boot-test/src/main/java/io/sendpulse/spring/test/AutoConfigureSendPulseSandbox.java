package io.sendpulse.spring.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.PropertyMapping;

/**
 * Starts a {@link SendPulseSandbox} for a Spring Boot test and points the SendPulse
 * templates at it; inject the {@code SendPulseSandbox} bean to see what was sent. In a
 * test on a real port ({@code webEnvironment = RANDOM_PORT}) the sandbox posts webhooks,
 * signed with {@code sendpulse.sandbox.webhook-secret} or else the test's own
 * {@code sendpulse.webhook.secret}, to the application's own
 * {@link io.sendpulse.spring.webhook.SendPulseWebhook @SendPulseWebhook} endpoint.
 * <p>
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;AutoConfigureSendPulseSandbox
 * class SignUpTests {
 *
 *     &#64;Autowired SendPulseSandbox sandbox;
 *
 * }
 * </pre>
 * <p>
 * The sandbox is shared by the tests that share a Spring context: call
 * {@link SendPulseSandbox#reset()} before each test that counts what was sent. Other
 * settings come from {@code sendpulse.sandbox.*} properties.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ImportAutoConfiguration
@PropertyMapping("sendpulse.sandbox")
public @interface AutoConfigureSendPulseSandbox {

	/**
	 * Whether to start the sandbox.
	 * @return whether the sandbox is enabled
	 */
	boolean enabled() default true;

	/**
	 * Whether the sandbox may sign webhooks with the application's
	 * {@code sendpulse.webhook.secret} when {@code sendpulse.sandbox.webhook-secret} is
	 * not set. On in a test, where that secret is the test's; a running application with
	 * {@code sendpulse.sandbox.enabled=true} has it off unless it says otherwise.
	 * @return whether the application's webhook secret may be used
	 */
	boolean useApplicationWebhookSecret() default true;

}
