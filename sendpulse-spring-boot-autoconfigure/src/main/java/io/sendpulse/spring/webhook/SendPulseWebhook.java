package io.sendpulse.spring.webhook;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Declares a SendPulse webhook endpoint at a path and makes the annotated class a bean.
 * The endpoint accepts {@code POST}s whose {@code X-Signature} verifies against
 * {@code sendpulse.webhook.secret} (or one of
 * {@code sendpulse.webhook.additional-secrets}), whose {@code timestamp} is within
 * {@code sendpulse.webhook.tolerance} of now, and that were not published already.
 * Verified events are published synchronously as {@link SendPulseEvent application
 * events}, so {@code @EventListener} methods, on this class or anywhere, receive them; a
 * listener that throws makes the endpoint answer 500, so that SendPulse delivers the
 * event again:
 * <p>
 * <pre class="code">
 * &#64;SendPulseWebhook("/webhooks/sendpulse")
 * class DeliveryReceipts {
 *
 *     &#64;EventListener
 *     void delivered(SmsStatusEvent event) { ... }
 *
 * }
 * </pre>
 * <p>
 * Works on Spring MVC and on WebFlux; listeners may block on both (on WebFlux they run
 * off the event loop unless {@code sendpulse.webhook.blocking-listeners} is
 * {@code false}). Several classes may declare endpoints at different paths. Requires
 * {@code sendpulse.webhook.secret} in a web application; in an application without web
 * server the class is only a bean.
 * <p>
 * An application with several accounts declares one endpoint per account:
 * {@code @SendPulseWebhook(value = "/webhooks/sendpulse/eu", account = "eu")}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface SendPulseWebhook {

	/**
	 * The endpoint's path, such as {@code /webhooks/sendpulse}: literal, starting with
	 * {@code /}, relative to the application's context path.
	 * @return the path
	 */
	@AliasFor("path")
	String value() default "";

	/**
	 * The endpoint's path, such as {@code /webhooks/sendpulse}.
	 * @return the path
	 */
	@AliasFor("value")
	String path() default "";

	/**
	 * The account the endpoint receives webhooks for: its deliveries are verified with
	 * that account's {@code sendpulse.accounts.<name>.webhook.secret} (or the top-level
	 * secrets when it sets none), and its events' {@link SendPulseEvent#account()} is
	 * this name. A delivery signed with another account's secret is refused (401).
	 * @return {@code default} for the top-level account, else the name of a
	 * {@code sendpulse.accounts.<name>} account
	 */
	String account() default SendPulseEvent.DEFAULT_ACCOUNT;

}
