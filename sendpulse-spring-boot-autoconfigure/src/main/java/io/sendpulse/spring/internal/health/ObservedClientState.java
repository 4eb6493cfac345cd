package io.sendpulse.spring.internal.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.sendpulse.spring.SendPulseException;
import io.sendpulse.spring.internal.client.ClientListener;
import org.jspecify.annotations.Nullable;

/**
 * What the client last saw of the API: whether it rejected the key, and the connection
 * failures since the last response. Any answer from the API other than 401 or 403 clears
 * both. Thread-safe: one immutable snapshot swapped on each outcome.
 */
public final class ObservedClientState implements ClientListener {

	private final Clock clock;

	private volatile Snapshot snapshot = new Snapshot(null, 0, null, null);

	/**
	 * Create a state that has seen nothing yet.
	 * @param clock the clock failures are timed with
	 */
	public ObservedClientState(Clock clock) {
		this.clock = clock;
	}

	@Override
	public void succeeded() {
		// Identity, not equals: the check runs on every call, and a state equal to FINE
		// but not it is replaced once.
		if (this.snapshot != Snapshot.FINE) {
			this.snapshot = Snapshot.FINE;
		}
	}

	@Override
	public void failed(Throwable failure) {
		int status = (failure instanceof SendPulseException ex) ? ex.getStatusCode() : 0;
		if (status == 401 || status == 403) {
			this.snapshot = new Snapshot(new KeyRejection(status, this.clock.instant()), 0, null, null);
		}
		else if (status > 0) {
			succeeded();
		}
		else {
			synchronized (this) {
				Snapshot last = this.snapshot;
				this.snapshot = new Snapshot(last.keyRejection(), last.connectionFailures() + 1, this.clock.instant(),
						failure.getClass().getSimpleName());
			}
		}
	}

	/**
	 * The state now.
	 * @return a snapshot
	 */
	public Snapshot snapshot() {
		return this.snapshot;
	}

	/**
	 * Whether a connection failure is at most {@code window} old.
	 * @param window how far back a failure counts
	 * @return whether the latest connection failure is within it
	 */
	public boolean hasRecentConnectionFailures(Duration window) {
		Instant last = this.snapshot.lastConnectionFailure();
		return last != null && !last.isBefore(this.clock.instant().minus(window));
	}

	/**
	 * The API rejected the key.
	 *
	 * @param status the status it answered, 401 or 403
	 * @param at when
	 */
	public record KeyRejection(int status, Instant at) {

	}

	/**
	 * What the client last saw.
	 *
	 * @param keyRejection the API's rejection of the key, if its latest answer was one
	 * @param connectionFailures connection failures (refused, reset, timed out) since the
	 * API last answered
	 * @param lastConnectionFailure when the latest of them happened
	 * @param lastConnectionError the latest one's exception type, for the operator
	 */
	public record Snapshot(@Nullable KeyRejection keyRejection, int connectionFailures,
			@Nullable Instant lastConnectionFailure, @Nullable String lastConnectionError) {

		static final Snapshot FINE = new Snapshot(null, 0, null, null);

	}

}
