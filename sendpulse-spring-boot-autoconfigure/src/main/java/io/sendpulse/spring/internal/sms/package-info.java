/**
 * The sms templates on the client core.
 */
@NullMarked
package io.sendpulse.spring.internal.sms;

import org.jspecify.annotations.NullMarked;
