package io.sendpulse.spring.internal.voice;

import io.sendpulse.spring.voice.ReactiveVoiceTemplate;
import io.sendpulse.spring.voice.VoiceTemplate;

/**
 * The blocking {@link VoiceTemplate}: its reactive view, waited for.
 *
 * @param reactive the reactive view
 */
public record DefaultVoiceTemplate(ReactiveVoiceTemplate reactive) implements VoiceTemplate {

}
