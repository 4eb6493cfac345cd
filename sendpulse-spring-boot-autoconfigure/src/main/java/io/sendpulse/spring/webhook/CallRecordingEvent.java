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
 * @param account the account whose endpoint received the event: {@code default} for the
 * top-level account, else the {@code account} of its {@link SendPulseWebhook}
 */
public record CallRecordingEvent(String type, @Nullable String callId, @Nullable URI recordingUrl,
		@Nullable Duration duration, Instant timestamp, String account) implements SendPulseEvent {

	/**
	 * Create an event of the top-level account, as the constructor did before events said
	 * which account they came from.
	 * @param type the raw event name
	 * @param callId as the component of that name
	 * @param recordingUrl as the component of that name
	 * @param duration as the component of that name
	 * @param timestamp as the component of that name
	 */
	public CallRecordingEvent(String type, @Nullable String callId, @Nullable URI recordingUrl,
			@Nullable Duration duration, Instant timestamp) {
		this(type, callId, recordingUrl, duration, timestamp, DEFAULT_ACCOUNT);
	}

	@Override
	public String toString() {
		return "CallRecordingEvent[type=" + this.type + ", callId=" + this.callId + ", recordingUrl="
				+ masked(this.recordingUrl) + ", duration=" + this.duration + ", timestamp=" + this.timestamp
				+ ", account=" + this.account + "]";
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
