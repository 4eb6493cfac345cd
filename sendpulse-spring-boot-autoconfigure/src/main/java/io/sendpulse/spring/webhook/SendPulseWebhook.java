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
 * Verified events are published as {@link SendPulseEvent application events}, so
 * {@code @EventListener} methods, on this class or anywhere, receive them:
 * <pre>{@code
 * @SendPulseWebhook("/webhooks/sendpulse")
 * class DeliveryReceipts {
 *
 *     @EventListener
 *     void delivered(SmsStatusEvent event) { ... }
 *
 * }
 * }</pre>
 * Requires {@code sendpulse.webhook.secret}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
public @interface SendPulseWebhook {

	/**
	 * The endpoint's path, such as {@code /webhooks/sendpulse}.
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

}
