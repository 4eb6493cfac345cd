/**
 * The HTTP client core shared by the templates: authentication, JSON, errors, rate
 * limiting and retries.
 */
@NullMarked
package io.sendpulse.spring.internal.client;

import org.jspecify.annotations.NullMarked;
