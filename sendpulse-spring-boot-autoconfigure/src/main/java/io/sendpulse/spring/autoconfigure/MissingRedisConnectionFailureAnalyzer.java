package io.sendpulse.spring.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup stopped because {@code sendpulse.store=redis} has no Redis
 * connection to keep the shared rate limit in. The starter does not fall back to memory:
 * each instance would then send the whole limit.
 */
class MissingRedisConnectionFailureAnalyzer extends AbstractFailureAnalyzer<MissingRedisConnectionException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingRedisConnectionException cause) {
		String description = MissingRedisConnectionException.PROPERTY
				+ "=redis keeps the SendPulse rate limit and webhook deliveries in Redis, shared by every instance, but "
				+ (cause.isSpringDataRedisPresent()
						? "there is no reactive Redis connection (no ReactiveRedisConnectionFactory bean: the Jedis "
								+ "client has none, and Boot's Redis auto-configuration may be excluded)."
						: "Spring Data Redis is not on the classpath.");
		String action = "Add spring-boot-starter-data-redis (it brings Lettuce, whose connection is reactive) and "
				+ "point spring.data.redis.* (for example spring.data.redis.host and spring.data.redis.port, or "
				+ "spring.data.redis.url) at your Redis; or set " + MissingRedisConnectionException.PROPERTY
				+ "=memory to keep them in each instance.";
		return new FailureAnalysis(description, action, cause);
	}

}
