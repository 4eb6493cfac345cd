/**
 * The voice templates on the client core.
 */
@NullMarked
package io.sendpulse.spring.internal.voice;

import org.jspecify.annotations.NullMarked;
