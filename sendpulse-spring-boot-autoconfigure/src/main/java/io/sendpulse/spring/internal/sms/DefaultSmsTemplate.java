package io.sendpulse.spring.internal.sms;

import io.sendpulse.spring.sms.ReactiveSmsTemplate;
import io.sendpulse.spring.sms.SmsTemplate;

/**
 * The blocking {@link SmsTemplate}: its reactive view, waited for.
 *
 * @param reactive the reactive view
 */
public record DefaultSmsTemplate(ReactiveSmsTemplate reactive) implements SmsTemplate {

}
