package io.sendpulse.spring.sms;

import java.util.List;

/**
 * The outcome of sending one text to many recipients: one entry per recipient, in the
 * order they were given, either in {@link #sent()} or in {@link #failures()}.
 *
 * @param sent the messages SendPulse accepted
 * @param failures the recipients whose message was not sent, and why
 */
public record BulkSmsResult(List<SmsMessage> sent, List<SmsFailure> failures) {

	/**
	 * Create a result.
	 * @param sent the messages SendPulse accepted
	 * @param failures the recipients whose message was not sent
	 */
	public BulkSmsResult {
		sent = List.copyOf(sent);
		failures = List.copyOf(failures);
	}

	/**
	 * Return whether every recipient's message was sent.
	 * @return {@code true} when there is no failure
	 */
	public boolean allSent() {
		return this.failures.isEmpty();
	}

}
