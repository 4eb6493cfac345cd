/**
 * The client-side rate limit: at most {@code limit-for-period} requests reach the API in
 * any sliding window of {@code refresh-period}, whatever the network delay. A request
 * holds a place from the moment it is let through until one period after its response (or
 * failure) arrived; the places live in a
 * {@link io.sendpulse.spring.internal.ratelimit.PlaceStore}.
 */
@NullMarked
package io.sendpulse.spring.internal.ratelimit;

import org.jspecify.annotations.NullMarked;
