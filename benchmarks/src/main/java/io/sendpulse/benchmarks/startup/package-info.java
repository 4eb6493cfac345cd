/**
 * The application B6 starts in a fresh JVM, with and without the starter's jars on its
 * class path. Nothing here refers to the starter's classes but through annotations, so
 * that the same classes start without it.
 */
@NullMarked
package io.sendpulse.benchmarks.startup;

import org.jspecify.annotations.NullMarked;
