/**
 * Internals of the SendPulse starter. Nothing under this package is API: it may change in
 * any release without notice.
 */
@NullMarked
package io.sendpulse.spring.internal;

import org.jspecify.annotations.NullMarked;
