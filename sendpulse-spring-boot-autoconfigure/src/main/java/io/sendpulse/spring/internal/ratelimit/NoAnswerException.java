package io.sendpulse.spring.internal.ratelimit;

/**
 * A store had not answered a take when a caller's time was up.
 */
final class NoAnswerException extends RuntimeException {

	NoAnswerException(String message) {
		super(message, null, false, false);
	}

	/** The message alone, read as a sentence in the refusal. */
	@Override
	public String toString() {
		return String.valueOf(getMessage());
	}

}
