/**
 * Auto-configuration for the SendPulse client and templates.
 */
@NullMarked
package io.sendpulse.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
