/**
 * Phone number verification with one-time codes:
 * {@link io.sendpulse.spring.verify.VerifyTemplate}.
 */
@NullMarked
package io.sendpulse.spring.verify;

import org.jspecify.annotations.NullMarked;
