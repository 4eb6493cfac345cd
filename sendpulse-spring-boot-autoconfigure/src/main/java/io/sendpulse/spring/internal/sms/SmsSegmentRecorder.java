package io.sendpulse.spring.internal.sms;

import io.sendpulse.spring.sms.SmsEncoding;

/**
 * Told of the segments of each SMS that SendPulse accepted, so that they can be counted
 * (in a Micrometer counter when the application has Micrometer) without the template
 * depending on Micrometer.
 */
@FunctionalInterface
public interface SmsSegmentRecorder {

	/** Records nothing. */
	SmsSegmentRecorder NONE = (encoding, segments) -> {
	};

	/**
	 * Record an accepted SMS.
	 * @param encoding how its text was encoded
	 * @param segments the segments it took
	 */
	void record(SmsEncoding encoding, int segments);

}
