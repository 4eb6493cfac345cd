/**
 * Several SendPulse accounts in one application: {@link SendPulseAccounts} gives the
 * templates of a configured account by name ({@code sendpulse.accounts.<name>.*}) or of a
 * key the application holds, created at run time.
 */
@NullMarked
package io.sendpulse.spring.accounts;

import org.jspecify.annotations.NullMarked;
