package io.sendpulse.spring.internal.ratelimit.redis;

import java.time.Duration;

import io.sendpulse.spring.internal.RedisFailures;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;

/**
 * Opens the Redis connection while the application starts, not on its first send. Lettuce
 * connects lazily, and on a cold JVM the first connection (classes loaded, TCP and the
 * handshake) can take longer than a short {@code sendpulse.rate-limit.timeout}: the first
 * calls would then fail unsent although Redis is fine. A Redis that does not answer in
 * time does not stop the application: the store then behaves as while Redis is down
 * (calls fail unsent, and the health shows it once a call has) and recovers by itself,
 * and a WARN says so.
 */
public final class RedisConnectionWarmUp implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(RedisConnectionWarmUp.class);

	private final ReactiveRedisConnectionFactory connectionFactory;

	private final Duration timeout;

	private volatile boolean running;

	/**
	 * Create a warm-up.
	 * @param connectionFactory the application's Redis connection
	 * @param timeout the longest startup waits for Redis's first answer
	 */
	public RedisConnectionWarmUp(ReactiveRedisConnectionFactory connectionFactory, Duration timeout) {
		this.connectionFactory = connectionFactory;
		this.timeout = timeout;
	}

	@Override
	public void start() {
		this.running = true;
		try {
			new ReactiveStringRedisTemplate(this.connectionFactory).execute((connection) -> connection.ping())
				.next()
				.block(this.timeout);
		}
		catch (RuntimeException ex) {
			logger.warn("The SendPulse store (Redis) could not be reached while the application started (no answer "
					+ "within " + this.timeout.toMillis() + " ms, or the connection failed: "
					+ RedisFailures.describe(ex) + "); calls fail unsent until it answers");
		}
	}

	@Override
	public void stop() {
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

}
