/**
 * Auto-configuration for SendPulse webhook endpoints on Spring MVC and WebFlux.
 */
@NullMarked
package io.sendpulse.spring.autoconfigure.webhook;

import org.jspecify.annotations.NullMarked;
