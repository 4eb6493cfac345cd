/**
 * The stack-neutral webhook processing behind {@code @SendPulseWebhook} endpoints:
 * checks, delivery memory and publication.
 */
@NullMarked
package io.sendpulse.spring.internal.webhook;

import org.jspecify.annotations.NullMarked;
