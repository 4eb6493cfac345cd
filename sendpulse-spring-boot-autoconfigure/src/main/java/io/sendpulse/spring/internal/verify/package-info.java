/**
 * The verify templates on the client core.
 */
@NullMarked
package io.sendpulse.spring.internal.verify;

import org.jspecify.annotations.NullMarked;
