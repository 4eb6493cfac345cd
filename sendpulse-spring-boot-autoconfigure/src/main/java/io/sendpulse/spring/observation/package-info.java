/**
 * Micrometer observation of the SendPulse client: the context of one template operation,
 * the convention that names and tags it, and its documentation.
 */
@NullMarked
package io.sendpulse.spring.observation;

import org.jspecify.annotations.NullMarked;
