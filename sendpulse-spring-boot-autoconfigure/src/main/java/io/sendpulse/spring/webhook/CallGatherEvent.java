package io.sendpulse.spring.webhook;

import java.time.Instant;

/**
 * The callee entered digits for a {@code gather} action ({@code call.gather}).
 *
 * @param type the raw event name, {@code call.gather}
 * @param callId the call's id, {@code call_…}
 * @param digits the digits entered
 * @param timestamp when they were entered
 */
public record CallGatherEvent(String type, String callId, String digits, Instant timestamp) implements SendPulseEvent {

}
