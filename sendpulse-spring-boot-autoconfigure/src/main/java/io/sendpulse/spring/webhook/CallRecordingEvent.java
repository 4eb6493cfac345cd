package io.sendpulse.spring.webhook;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

/**
 * A {@code record} action's recording is ready ({@code call.recording}).
 *
 * @param type the raw event name, {@code call.recording}
 * @param callId the call's id, {@code call_…}
 * @param recordingUrl where the recording can be downloaded
 * @param duration the recording's length
 * @param timestamp when the recording was made available
 */
public record CallRecordingEvent(String type, String callId, URI recordingUrl, Duration duration,
		Instant timestamp) implements SendPulseEvent {

}
