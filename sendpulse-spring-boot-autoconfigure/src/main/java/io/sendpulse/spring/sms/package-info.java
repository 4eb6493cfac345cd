/**
 * Sending SMS and looking up their status: {@link io.sendpulse.spring.sms.SmsTemplate}.
 */
@NullMarked
package io.sendpulse.spring.sms;

import org.jspecify.annotations.NullMarked;
