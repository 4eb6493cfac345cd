/**
 * Hints for AOT processing and native images: what the starter reads and writes by
 * reflection.
 */
@NullMarked
package io.sendpulse.spring.internal.aot;

import org.jspecify.annotations.NullMarked;
