/**
 * The web application's webhook endpoint, scanned only when B6 starts the web
 * application.
 */
@NullMarked
package io.sendpulse.benchmarks.startup.web;

import org.jspecify.annotations.NullMarked;
