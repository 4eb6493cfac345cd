/**
 * Several SendPulse accounts: the {@code SendPulseAccounts} implementation, the rules of
 * account names and API keys, and the registry that gives each API key one rate limiter.
 */
@NullMarked
package io.sendpulse.spring.internal.accounts;

import org.jspecify.annotations.NullMarked;
