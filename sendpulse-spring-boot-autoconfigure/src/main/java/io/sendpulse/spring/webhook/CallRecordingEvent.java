package io.sendpulse.spring.webhook;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A {@code record} action's recording is ready ({@code call.recording}). The recording's
 * URL may carry an access token in its path or query: {@link #toString()} shows only its
 * scheme and host.
 *
 * @param type the raw event name, {@code call.recording}
 * @param callId the call's id, {@code call_…}; {@code null} if SendPulse left it out
 * @param recordingUrl where the recording can be downloaded; {@code null} if SendPulse
 * left it out
 * @param duration the recording's length; {@code null} if SendPulse left it out
 * @param timestamp when the recording was made available
 */
public record CallRecordingEvent(String type, @Nullable String callId, @Nullable URI recordingUrl,
		@Nullable Duration duration, Instant timestamp) implements SendPulseEvent {

	@Override
	public String toString() {
		return "CallRecordingEvent[type=" + this.type + ", callId=" + this.callId + ", recordingUrl="
				+ masked(this.recordingUrl) + ", duration=" + this.duration + ", timestamp=" + this.timestamp + "]";
	}

	private static @Nullable String masked(@Nullable URI url) {
		if (url == null) {
			return null;
		}
		if (url.getScheme() == null || url.getRawAuthority() == null) {
			return "(hidden)";
		}
		// The host identifies the storage; user info, path and query may be credentials.
		String host = (url.getHost() != null) ? url.getHost() : "(hidden)";
		return url.getScheme() + "://" + host + ((url.getPort() != -1) ? ":" + url.getPort() : "") + "/…";
	}

}
