package io.sendpulse.spring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;
import reactor.netty.ConnectionObserver;

/**
 * Closes a pooled connection of the client's that nobody has taken from the pool within
 * its longest idle time, as the pool's own {@code maxIdleTime} would, for this client's
 * connections only. The pool then drops it, as it does a connection the server closed;
 * the next call opens a fresh one. The close is set on the connection's event loop when
 * the pool takes the connection back and cancelled when a call takes it out again; a call
 * that takes it in the instant it closes sees it closed before any answer, and retries
 * with the same {@code Idempotency-Key}, as when a server closes it.
 */
final class IdleConnectionCloser implements ConnectionObserver {

	private static final AttributeKey<Future<?>> IDLE_CLOSE = AttributeKey.valueOf("sendpulse.idleClose");

	private final long maxIdleNanos;

	IdleConnectionCloser(Duration maxIdleTime) {
		this.maxIdleNanos = maxIdleTime.toNanos();
	}

	@Override
	public void onStateChange(Connection connection, State newState) {
		Channel channel = connection.channel();
		if (newState == State.RELEASED) {
			Future<?> close = channel.eventLoop().schedule(() -> {
				channel.close();
			}, this.maxIdleNanos, TimeUnit.NANOSECONDS);
			cancel(channel.attr(IDLE_CLOSE).getAndSet(close));
		}
		else if (newState == State.ACQUIRED || newState == State.DISCONNECTING) {
			cancel(channel.attr(IDLE_CLOSE).getAndSet(null));
		}
	}

	private static void cancel(@Nullable Future<?> close) {
		if (close != null) {
			close.cancel(false);
		}
	}

}
