package io.sendpulse.spring.internal.verify;

import io.sendpulse.spring.verify.ReactiveVerifyTemplate;
import io.sendpulse.spring.verify.VerifyTemplate;

/**
 * The blocking {@link VerifyTemplate}: its reactive view, waited for.
 *
 * @param reactive the reactive view
 */
public record DefaultVerifyTemplate(ReactiveVerifyTemplate reactive) implements VerifyTemplate {

}
