package io.sendpulse.spring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.Channel;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;
import reactor.netty.ConnectionObserver;

/**
 * Closes a pooled connection of the client's that nobody has taken from the pool within
 * its longest idle time, as the pool's own {@code maxIdleTime} would, for this client's
 * connections only. The pool then drops it, as it does a connection the server closed;
 * the next call opens a fresh one. A call that takes the connection in the instant it
 * closes sees it closed before any answer, and retries with the same
 * {@code Idempotency-Key}, as when a server closes it. An observer is part of what
 * Reactor Netty's pool keys its connections by, so a connection this one watches is never
 * handed to a client without it.
 */
final class IdleConnectionCloser implements ConnectionObserver {

	private static final AttributeKey<IdleTimer> IDLE_TIMER = AttributeKey.valueOf("sendpulse.idleTimer");

	private final long maxIdleNanos;

	IdleConnectionCloser(Duration maxIdleTime) {
		this.maxIdleNanos = maxIdleTime.toNanos();
	}

	@Override
	public void onStateChange(Connection connection, State newState) {
		if (newState == State.RELEASED) {
			timer(connection.channel()).released();
		}
		else if (newState == State.ACQUIRED) {
			timer(connection.channel()).acquired();
		}
	}

	/**
	 * Equal for an equal idle time: Reactor Netty keys its pool by a hash of the client's
	 * configuration, this observer included, so an observer equal from one context (or
	 * connector) to the next keeps the client on one pool, as it was without it, rather
	 * than add one to the global pool for every context started in this JVM.
	 */
	@Override
	public boolean equals(@Nullable Object other) {
		return other instanceof IdleConnectionCloser closer && closer.maxIdleNanos == this.maxIdleNanos;
	}

	// With this class's identity: a copy of the starter loaded again by another class
	// loader (DevTools' restart loader over a module of the workspace) keeps a pool of
	// its
	// own, so its connections never carry the other copy's timers.
	@Override
	public int hashCode() {
		return 31 * System.identityHashCode(IdleConnectionCloser.class) + Long.hashCode(this.maxIdleNanos);
	}

	private IdleTimer timer(Channel channel) {
		Attribute<IdleTimer> attribute = channel.attr(IDLE_TIMER);
		IdleTimer timer = attribute.get();
		if (timer == null) {
			IdleTimer made = new IdleTimer(channel, this.maxIdleNanos);
			timer = attribute.setIfAbsent(made);
			return (timer != null) ? timer : made;
		}
		return timer;
	}

	/**
	 * One timer per connection, set when the connection goes back to the pool and none is
	 * set yet: when it fires, it closes the connection if it is still in the pool and has
	 * been since the longest idle time, and otherwise waits for what is left. A call that
	 * takes and gives back a connection costs two writes, not a timer.
	 */
	private static final class IdleTimer implements Runnable {

		private final Channel channel;

		private final long maxIdleNanos;

		private final AtomicBoolean set = new AtomicBoolean();

		private volatile boolean idle;

		private volatile long idleSince;

		/** The timer set, cancelled when the connection closes: it holds the channel. */
		private volatile @Nullable Future<?> next;

		IdleTimer(Channel channel, long maxIdleNanos) {
			this.channel = channel;
			this.maxIdleNanos = maxIdleNanos;
			channel.closeFuture().addListener((closed) -> {
				Future<?> next = this.next;
				if (next != null) {
					next.cancel(false);
				}
			});
		}

		void released() {
			this.idleSince = System.nanoTime();
			this.idle = true;
			if (this.set.compareAndSet(false, true)) {
				schedule(this.maxIdleNanos);
			}
		}

		void acquired() {
			this.idle = false;
		}

		@Override
		public void run() {
			this.set.set(false);
			if (!this.idle || !this.channel.isActive()) {
				return;
			}
			long left = this.idleSince + this.maxIdleNanos - System.nanoTime();
			if (left <= 0) {
				this.channel.close();
			}
			else if (this.set.compareAndSet(false, true)) {
				schedule(left);
			}
		}

		private void schedule(long nanos) {
			this.next = this.channel.eventLoop().schedule(this, nanos, TimeUnit.NANOSECONDS);
			if (!this.channel.isOpen()) {
				// Closed as it was set: the close's listener may have run before.
				this.next.cancel(false);
			}
		}

	}

}
