/**
 * A small Spring MVC service on the SendPulse starter: notifies customers by SMS,
 * verifies phone numbers, places calls, and receives SendPulse webhooks.
 */
@NullMarked
package io.sendpulse.sample;

import org.jspecify.annotations.NullMarked;
