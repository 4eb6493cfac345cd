/**
 * Receiving SendPulse webhooks: {@link io.sendpulse.spring.webhook.SendPulseWebhook},
 * signature verification and typed events.
 */
@NullMarked
package io.sendpulse.spring.webhook;

import org.jspecify.annotations.NullMarked;
