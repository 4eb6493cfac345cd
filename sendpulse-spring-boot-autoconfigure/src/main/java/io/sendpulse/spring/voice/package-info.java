/**
 * Placing voice calls with call-flow actions:
 * {@link io.sendpulse.spring.voice.VoiceTemplate}.
 */
@NullMarked
package io.sendpulse.spring.voice;

import org.jspecify.annotations.NullMarked;
