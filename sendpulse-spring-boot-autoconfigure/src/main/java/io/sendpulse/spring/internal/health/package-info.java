/**
 * The {@code sendpulse} health contributor and what it reports from: the outcomes the
 * client observed.
 */
@NullMarked
package io.sendpulse.spring.internal.health;

import org.jspecify.annotations.NullMarked;
