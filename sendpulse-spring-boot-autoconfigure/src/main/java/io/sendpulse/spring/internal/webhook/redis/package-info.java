/**
 * The memory of webhook deliveries shared by every instance, in Redis
 * ({@code sendpulse.store=redis}).
 */
@NullMarked
package io.sendpulse.spring.internal.webhook.redis;

import org.jspecify.annotations.NullMarked;
