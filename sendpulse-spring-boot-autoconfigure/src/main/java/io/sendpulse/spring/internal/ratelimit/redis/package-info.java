/**
 * The rate limiter's places in Redis ({@code sendpulse.store=redis}), shared by every
 * instance that uses the same API key: one Lua script per take and one per release, on
 * Redis's clock, with keys that expire.
 */
@NullMarked
package io.sendpulse.spring.internal.ratelimit.redis;

import org.jspecify.annotations.NullMarked;
