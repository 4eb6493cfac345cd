/**
 * The sandbox server's parts: HTTP and scripted faults, routing, API keys, rate windows,
 * the idempotency store, balances, and one simulation each for SMS, calls and
 * verifications. It reads and writes the wire format itself, with its own rules, status
 * strings and header names, so that a mistake in the client cannot be mirrored by the
 * server that tests it. Not API: use {@link io.sendpulse.spring.test.SendPulseSandbox}.
 */
@NullMarked
package io.sendpulse.spring.test.internal;

import org.jspecify.annotations.NullMarked;
