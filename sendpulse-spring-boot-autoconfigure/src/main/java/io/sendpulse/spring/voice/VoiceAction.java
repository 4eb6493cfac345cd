package io.sendpulse.spring.voice;

import java.net.URI;
import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.sendpulse.spring.internal.client.RequestRules;
import org.jspecify.annotations.Nullable;

/**
 * One step of a call's flow. The steps run in order once the callee answers:
 * <p>
 * <pre class="code">
 * CallRequest.builder().to("+14155550123")
 *     .actions(VoiceAction.say("Press 1 to confirm"), VoiceAction.gather().numDigits(1).build())
 *     .build();
 * </pre>
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({ @JsonSubTypes.Type(value = VoiceAction.Say.class, name = "say"),
		@JsonSubTypes.Type(value = VoiceAction.Play.class, name = "play"),
		@JsonSubTypes.Type(value = VoiceAction.Gather.class, name = "gather"),
		@JsonSubTypes.Type(value = VoiceAction.Record.class, name = "record") })
public sealed interface VoiceAction {

	/**
	 * Speak a text.
	 * @param text what to say
	 * @return the action; {@link Say#voice(String)}, {@link Say#language(String)} and
	 * {@link Say#loop(int)} refine it
	 */
	static Say say(String text) {
		return new Say(text, null, null, null);
	}

	/**
	 * Play an audio file.
	 * @param url an absolute http(s) URL of the audio
	 * @return the action; {@link Play#loop(int)} refines it
	 */
	static Play play(URI url) {
		return new Play(url, null);
	}

	/**
	 * Start building an action that collects the keys the callee presses.
	 * @return a builder
	 */
	static Gather.Builder gather() {
		return new Gather.Builder();
	}

	/**
	 * Start building an action that records the callee.
	 * @return a builder
	 */
	static Record.Builder record() {
		return new Record.Builder();
	}

	/**
	 * Speak a text.
	 *
	 * @param text what to say
	 * @param voice the voice to speak with, or {@code null} for the default
	 * @param language the language, such as {@code en-US}, or {@code null} for the
	 * default
	 * @param loop how many times to say it, or {@code null} for once
	 */
	record Say(String text, @Nullable String voice, @Nullable String language,
			@Nullable Integer loop) implements VoiceAction {

		/**
		 * Check the action.
		 * @throws IllegalArgumentException naming the field and the rule it breaks
		 */
		public Say {
			RequestRules.text("say.text", text, 4096);
			if (loop != null) {
				RequestRules.range("say.loop", loop, 1, 100);
			}
		}

		/**
		 * Return this action spoken with another voice.
		 * @param voice the voice
		 * @return a new action
		 */
		public Say voice(String voice) {
			return new Say(this.text, voice, this.language, this.loop);
		}

		/**
		 * Return this action spoken in another language.
		 * @param language the language, such as {@code en-US}
		 * @return a new action
		 */
		public Say language(String language) {
			return new Say(this.text, this.voice, language, this.loop);
		}

		/**
		 * Return this action said several times.
		 * @param loop how many times, 1 to 100
		 * @return a new action
		 */
		public Say loop(int loop) {
			return new Say(this.text, this.voice, this.language, loop);
		}

	}

	/**
	 * Play an audio file.
	 *
	 * @param url an absolute http(s) URL of the audio
	 * @param loop how many times to play it, or {@code null} for once
	 */
	record Play(URI url, @Nullable Integer loop) implements VoiceAction {

		/**
		 * Check the action.
		 * @throws IllegalArgumentException naming the field and the rule it breaks
		 */
		public Play {
			RequestRules.httpUrl("play.url", RequestRules.required("play.url", url));
			if (loop != null) {
				RequestRules.range("play.loop", loop, 1, 100);
			}
		}

		/**
		 * Return this action played several times.
		 * @param loop how many times, 1 to 100
		 * @return a new action
		 */
		public Play loop(int loop) {
			return new Play(this.url, loop);
		}

	}

	/**
	 * Collect the keys the callee presses; SendPulse posts them as a {@code call.gather}
	 * webhook.
	 *
	 * @param numDigits how many keys to collect, or {@code null} until
	 * {@code finishOnKey}
	 * @param timeout how long to wait for a key, or {@code null} for the default
	 * @param finishOnKey the key that ends the input ({@code 0-9}, {@code *} or
	 * {@code #})
	 * @param prompt what to say or play while waiting, or {@code null}
	 */
	record Gather(@Nullable Integer numDigits, @Nullable Duration timeout, @Nullable String finishOnKey,
			@Nullable VoiceAction prompt) implements VoiceAction {

		/**
		 * Check the action.
		 * @throws IllegalArgumentException naming the field and the rule it breaks
		 */
		public Gather {
			if (numDigits != null) {
				RequestRules.range("gather.num_digits", numDigits, 1, 32);
			}
			if (timeout != null) {
				RequestRules.seconds("gather.timeout", timeout, 600);
			}
			if (finishOnKey != null) {
				RequestRules.finishOnKey("gather.finish_on_key", finishOnKey);
			}
			if (prompt != null && !(prompt instanceof Say || prompt instanceof Play)) {
				throw new IllegalArgumentException("gather.prompt must be a say or a play action");
			}
		}

		/**
		 * Builds a {@link Gather} action.
		 */
		public static final class Builder {

			private @Nullable Integer numDigits;

			private @Nullable Duration timeout;

			private @Nullable String finishOnKey;

			private @Nullable VoiceAction prompt;

			Builder() {
			}

			/**
			 * Set how many keys to collect.
			 * @param numDigits 1 to 32
			 * @return this builder
			 */
			public Builder numDigits(int numDigits) {
				this.numDigits = numDigits;
				return this;
			}

			/**
			 * Set how long to wait for a key.
			 * @param timeout whole seconds, 1 to 600
			 * @return this builder
			 */
			public Builder timeout(Duration timeout) {
				this.timeout = timeout;
				return this;
			}

			/**
			 * Set the key that ends the input.
			 * @param finishOnKey {@code 0-9}, {@code *} or {@code #}
			 * @return this builder
			 */
			public Builder finishOnKey(String finishOnKey) {
				this.finishOnKey = finishOnKey;
				return this;
			}

			/**
			 * Set what to say or play while waiting.
			 * @param prompt a {@link Say} or {@link Play} action
			 * @return this builder
			 */
			public Builder prompt(VoiceAction prompt) {
				this.prompt = prompt;
				return this;
			}

			/**
			 * Build the action.
			 * @return the action
			 * @throws IllegalArgumentException naming the field and the rule it breaks
			 */
			public Gather build() {
				return new Gather(this.numDigits, this.timeout, this.finishOnKey, this.prompt);
			}

		}

	}

	/**
	 * Record the callee; SendPulse posts the recording as a {@code call.recording}
	 * webhook.
	 *
	 * @param maxLength the longest recording, or {@code null} for the default
	 * @param playBeep whether to beep before recording, or {@code null} for the default
	 * @param finishOnKey the key that ends the recording ({@code 0-9}, {@code *} or
	 * {@code #})
	 */
	record Record(@Nullable Duration maxLength, @Nullable Boolean playBeep,
			@Nullable String finishOnKey) implements VoiceAction {

		/**
		 * Check the action.
		 * @throws IllegalArgumentException naming the field and the rule it breaks
		 */
		public Record {
			if (maxLength != null) {
				RequestRules.seconds("record.max_length", maxLength, 14_400);
			}
			if (finishOnKey != null) {
				RequestRules.finishOnKey("record.finish_on_key", finishOnKey);
			}
		}

		/**
		 * Builds a {@link Record} action.
		 */
		public static final class Builder {

			private @Nullable Duration maxLength;

			private @Nullable Boolean playBeep;

			private @Nullable String finishOnKey;

			Builder() {
			}

			/**
			 * Set the longest recording.
			 * @param maxLength whole seconds, at most 4 hours
			 * @return this builder
			 */
			public Builder maxLength(Duration maxLength) {
				this.maxLength = maxLength;
				return this;
			}

			/**
			 * Set whether to beep before recording.
			 * @param playBeep whether to beep
			 * @return this builder
			 */
			public Builder playBeep(boolean playBeep) {
				this.playBeep = playBeep;
				return this;
			}

			/**
			 * Set the key that ends the recording.
			 * @param finishOnKey {@code 0-9}, {@code *} or {@code #}
			 * @return this builder
			 */
			public Builder finishOnKey(String finishOnKey) {
				this.finishOnKey = finishOnKey;
				return this;
			}

			/**
			 * Build the action.
			 * @return the action
			 * @throws IllegalArgumentException naming the field and the rule it breaks
			 */
			public Record build() {
				return new Record(this.maxLength, this.playBeep, this.finishOnKey);
			}

		}

	}

}
