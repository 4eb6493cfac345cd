package io.sendpulse.spring.internal.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.sendpulse.spring.SendPulseException;
import io.sendpulse.spring.internal.client.ClientListener;
import org.jspecify.annotations.Nullable;

/**
 * What the clients last saw of the API: which configured accounts' keys it rejected, and
 * the connection failures since its last answer. An answer other than 401 or 403 clears
 * the key rejection of the account it answered, and any answer clears the connection
 * failures (every account reaches the same API). Each account's client reports through
 * {@link #forAccount(String, String)}; a key handed over at run time
 * ({@code SendPulseAccounts.forApiKey}) is a tenant's, so its rejection is not the
 * application's health. Thread-safe: one immutable snapshot swapped on each change.
 */
public final class ObservedClientState implements ClientListener {

	private static final String TOP_LEVEL_KEY = "sendpulse.api-key";

	private final Clock clock;

	private volatile Snapshot snapshot = Snapshot.FINE;

	/**
	 * Create a state that has seen nothing yet.
	 * @param clock the clock failures are timed with
	 */
	public ObservedClientState(Clock clock) {
		this.clock = clock;
	}

	/**
	 * What the client of the account whose key is {@code sendpulse.api-key} reports.
	 */
	@Override
	public void succeeded() {
		answered(TOP_LEVEL_KEY, null);
	}

	/**
	 * What the client of the account whose key is {@code sendpulse.api-key} reports.
	 */
	@Override
	public void failed(Throwable failure) {
		failed(TOP_LEVEL_KEY, failure);
	}

	@Override
	public ClientListener forAccount(String account, @Nullable String keyProperty) {
		if (TOP_LEVEL_KEY.equals(keyProperty)) {
			return this;
		}
		return new ClientListener() {

			@Override
			public void succeeded() {
				answered(keyProperty, null);
			}

			@Override
			public void failed(Throwable failure) {
				ObservedClientState.this.failed(keyProperty, failure);
			}

		};
	}

	private void failed(@Nullable String keyProperty, Throwable failure) {
		int status = (failure instanceof SendPulseException ex) ? ex.getStatusCode() : 0;
		if (status == 401 || status == 403) {
			answered(keyProperty, new KeyRejection(status, this.clock.instant()));
		}
		else if (status > 0) {
			answered(keyProperty, null);
		}
		else {
			synchronized (this) {
				Snapshot last = this.snapshot;
				this.snapshot = new Snapshot(last.keyRejections(), last.connectionFailures() + 1, this.clock.instant(),
						(failure instanceof SendPulseException) ? failure.getMessage()
								: failure.getClass().getSimpleName());
			}
		}
	}

	// The API answered: no connection failure since, and the key of a configured
	// account rejected or not (a run-time account's, without a property, is not kept).
	private void answered(@Nullable String keyProperty, @Nullable KeyRejection rejection) {
		if (nothingToChange(this.snapshot, keyProperty, rejection)) {
			// Every successful call comes here: no lock while all is well.
			return;
		}
		synchronized (this) {
			Map<String, KeyRejection> rejections = this.snapshot.keyRejections();
			if (keyProperty != null) {
				rejections = new LinkedHashMap<>(rejections);
				if (rejection != null) {
					rejections.put(keyProperty, rejection);
				}
				else {
					rejections.remove(keyProperty);
				}
			}
			this.snapshot = rejections.isEmpty() ? Snapshot.FINE : new Snapshot(Map.copyOf(rejections), 0, null, null);
		}
	}

	private static boolean nothingToChange(Snapshot last, @Nullable String keyProperty,
			@Nullable KeyRejection rejection) {
		return last.connectionFailures() == 0
				&& (keyProperty == null || (rejection == null && !last.keyRejections().containsKey(keyProperty)));
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
	 * What the clients last saw.
	 *
	 * @param keyRejections the API's rejections of configured keys, by the property that
	 * sets the key ({@code sendpulse.api-key}, {@code sendpulse.accounts.eu.api-key}),
	 * each account's latest answer having been one
	 * @param connectionFailures connection failures (refused, reset, timed out) since the
	 * API last answered
	 * @param lastConnectionFailure when the latest of them happened
	 * @param lastConnectionError what went wrong the latest time, as the client's
	 * exception says it (never a host or a key), for the operator
	 */
	public record Snapshot(Map<String, KeyRejection> keyRejections, int connectionFailures,
			@Nullable Instant lastConnectionFailure, @Nullable String lastConnectionError) {

		static final Snapshot FINE = new Snapshot(Map.of(), 0, null, null);

	}

}
