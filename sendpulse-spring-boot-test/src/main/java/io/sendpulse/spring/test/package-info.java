/**
 * A sandbox SendPulse API on loopback for tests and for running an application without an
 * account: {@link io.sendpulse.spring.test.SendPulseSandbox} and
 * {@link io.sendpulse.spring.test.AutoConfigureSendPulseSandbox}.
 */
@NullMarked
package io.sendpulse.spring.test;

import org.jspecify.annotations.NullMarked;
