package io.sendpulse.spring.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.sendpulse.spring.test.internal.CallAction;
import io.sendpulse.spring.voice.VoiceAction;
import org.jspecify.annotations.Nullable;

/**
 * The boundary between the sandbox's wire values and the API's types, for what
 * {@link SendPulseSandbox} returns. Enums are matched by constant name
 * ({@code in_progress} is {@code IN_PROGRESS}), not through the API enums' own wire
 * mapping, so that a mistake in that mapping is not copied into the sandbox.
 */
final class WireValues {

	private WireValues() {
	}

	static <E extends Enum<E>> E of(Class<E> type, String wire) {
		try {
			return Enum.valueOf(type, wire.toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			return Enum.valueOf(type, "UNKNOWN");
		}
	}

	static String wire(Enum<?> value) {
		return value.name().toLowerCase(Locale.ROOT);
	}

	static List<VoiceAction> voiceActions(List<CallAction> actions) {
		List<VoiceAction> converted = new ArrayList<>(actions.size());
		for (CallAction action : actions) {
			converted.add(voiceAction(action));
		}
		return List.copyOf(converted);
	}

	private static VoiceAction voiceAction(CallAction action) {
		if (action instanceof CallAction.Say say) {
			return new VoiceAction.Say(say.text(), say.voice(), say.language(), say.loop());
		}
		if (action instanceof CallAction.Play play) {
			return new VoiceAction.Play(play.url(), play.loop());
		}
		if (action instanceof CallAction.Gather gather) {
			CallAction prompt = gather.prompt();
			return new VoiceAction.Gather(gather.numDigits(), seconds(gather.timeoutSeconds()), gather.finishOnKey(),
					(prompt != null) ? voiceAction(prompt) : null);
		}
		CallAction.Record record = (CallAction.Record) action;
		return new VoiceAction.Record(seconds(record.maxLengthSeconds()), record.playBeep(), record.finishOnKey());
	}

	private static @Nullable Duration seconds(@Nullable Integer seconds) {
		return (seconds != null) ? Duration.ofSeconds(seconds) : null;
	}

}
