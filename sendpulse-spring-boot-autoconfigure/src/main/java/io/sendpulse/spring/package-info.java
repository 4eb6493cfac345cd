/**
 * SendPulse for Spring: the exceptions every template raises, and helpers shared by all
 * parts.
 */
@NullMarked
package io.sendpulse.spring;

import org.jspecify.annotations.NullMarked;
