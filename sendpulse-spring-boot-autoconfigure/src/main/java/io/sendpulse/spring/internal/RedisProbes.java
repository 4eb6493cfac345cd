package io.sendpulse.spring.internal;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import reactor.core.scheduler.Schedulers;

/**
 * How a health check waits for the probe it started in a Redis store: so that it shows
 * what that probe found, not what the previous one did.
 */
public final class RedisProbes {

	private RedisProbes() {
	}

	/**
	 * Wait for a probe's answer, at most the store's command timeout (the probe times out
	 * by then) and a little more; not at all on a thread that must not block, where the
	 * latest answer stands.
	 * @param probed completes once the probe was answered or failed
	 * @param commandTimeout the store's command timeout
	 */
	public static void await(CompletableFuture<?> probed, Duration commandTimeout) {
		if (Schedulers.isInNonBlockingThread()) {
			return;
		}
		try {
			probed.get(commandTimeout.toMillis() + 100, TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// Then the latest answer stands.
		}
	}

}
