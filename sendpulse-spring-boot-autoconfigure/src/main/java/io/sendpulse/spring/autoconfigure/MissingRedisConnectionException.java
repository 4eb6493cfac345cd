package io.sendpulse.spring.autoconfigure;

/**
 * {@code sendpulse.store=redis} is set, but the application has no reactive Redis
 * connection for the store to use.
 */
class MissingRedisConnectionException extends IllegalStateException {

	static final String PROPERTY = "sendpulse.store";

	private final boolean springDataRedisPresent;

	MissingRedisConnectionException(boolean springDataRedisPresent) {
		super(PROPERTY + "=redis needs a reactive Redis connection (a ReactiveRedisConnectionFactory), and there is "
				+ (springDataRedisPresent ? "none" : "no Spring Data Redis on the classpath"));
		this.springDataRedisPresent = springDataRedisPresent;
	}

	boolean isSpringDataRedisPresent() {
		return this.springDataRedisPresent;
	}

}
