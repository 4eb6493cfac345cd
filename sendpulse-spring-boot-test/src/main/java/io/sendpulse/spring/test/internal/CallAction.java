package io.sendpulse.spring.test.internal;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * One action of a call flow as the sandbox read it from the wire
 * ({@code {"type":"say"|"play"|"gather"|"record", …}}), with durations in whole seconds
 * as sent.
 */
public sealed interface CallAction {

	/**
	 * {@code {"type":"say","text","voice"?,"language"?,"loop"?}}.
	 *
	 * @param text the text
	 * @param voice the voice
	 * @param language the language
	 * @param loop how many times
	 */
	record Say(String text, @Nullable String voice, @Nullable String language,
			@Nullable Integer loop) implements CallAction {

	}

	/**
	 * {@code {"type":"play","url","loop"?}}.
	 *
	 * @param url the audio's URL
	 * @param loop how many times
	 */
	record Play(URI url, @Nullable Integer loop) implements CallAction {

	}

	/**
	 * {@code {"type":"gather","num_digits"?,"timeout"?,"finish_on_key"?,"prompt"?}}.
	 *
	 * @param numDigits the keys to gather
	 * @param timeoutSeconds the wait for input
	 * @param finishOnKey the key that ends input
	 * @param prompt a say or play action to play while gathering
	 */
	record Gather(@Nullable Integer numDigits, @Nullable Integer timeoutSeconds, @Nullable String finishOnKey,
			@Nullable CallAction prompt) implements CallAction {

	}

	/**
	 * {@code {"type":"record","max_length"?,"play_beep"?,"finish_on_key"?}}.
	 *
	 * @param maxLengthSeconds the longest recording
	 * @param playBeep whether to beep first
	 * @param finishOnKey the key that ends the recording
	 */
	record Record(@Nullable Integer maxLengthSeconds, @Nullable Boolean playBeep,
			@Nullable String finishOnKey) implements CallAction {

	}

}
