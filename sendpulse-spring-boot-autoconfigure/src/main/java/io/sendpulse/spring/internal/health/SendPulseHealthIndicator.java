package io.sendpulse.spring.internal.health;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.sendpulse.spring.internal.ratelimit.PlaceStore;
import io.sendpulse.spring.internal.webhook.DeliveryStore;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code sendpulse} health: reported from what the client observed, never from a
 * request of its own (the API counts every request against the rate limit, and a probe
 * every few seconds would spend it). DOWN when the API's latest answer to a configured
 * account rejected its key (naming the property; not for keys handed over at run time),
 * when connections failed recently with no answer since, or when a shared store (Redis)
 * of the limiter or of webhook deliveries was unreachable at its latest command; UP
 * otherwise. Details: the rate limiter's available permissions and waiting calls.
 */
public final class SendPulseHealthIndicator extends AbstractHealthIndicator {

	private final ObservedClientState state;

	private final Supplier<? extends @Nullable RateLimiter> rateLimiter;

	private final Duration connectionFailureWindow;

	private final @Nullable PlaceStore store;

	private final Supplier<? extends @Nullable DeliveryStore> deliveryStore;

	/**
	 * Create the indicator.
	 * @param state what the client observed
	 * @param rateLimiter gives the client's rate limiter, or {@code null} when it has
	 * none; asked for at each check, so that the indicator does not make it while the
	 * application starts
	 * @param connectionFailureWindow how long a connection failure keeps the health DOWN
	 * when nothing succeeded since
	 * @param store where the rate limiter keeps its places, or {@code null} when unknown
	 * @param deliveryStore gives where webhook deliveries are remembered, or {@code null}
	 * while no endpoint has made it; asked at each check
	 */
	public SendPulseHealthIndicator(ObservedClientState state, Supplier<? extends @Nullable RateLimiter> rateLimiter,
			Duration connectionFailureWindow, @Nullable PlaceStore store,
			Supplier<? extends @Nullable DeliveryStore> deliveryStore) {
		super("SendPulse health check failed");
		this.state = state;
		this.rateLimiter = rateLimiter;
		this.connectionFailureWindow = connectionFailureWindow;
		this.store = store;
		this.deliveryStore = deliveryStore;
	}

	/**
	 * Create the indicator of an application that only receives webhooks: it has no
	 * client (no API key), so only the webhook delivery store can be down.
	 * @param deliveryStore gives where webhook deliveries are remembered, or {@code null}
	 * while no endpoint has made it; asked at each check
	 * @return the indicator
	 */
	public static SendPulseHealthIndicator forWebhooks(Supplier<? extends @Nullable DeliveryStore> deliveryStore) {
		return new SendPulseHealthIndicator(new ObservedClientState(Clock.systemUTC()), () -> null, Duration.ZERO, null,
				deliveryStore);
	}

	private @Nullable String deliveryStoreUnreachable() {
		DeliveryStore store = this.deliveryStore.get();
		return (store != null) ? store.unreachable() : null;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		ObservedClientState.Snapshot snapshot = this.state.snapshot();
		// Each read once: it may change between two reads.
		String placeStoreUnreachable = (this.store != null) ? this.store.unreachable() : null;
		String deliveryStoreUnreachable = deliveryStoreUnreachable();
		if (!snapshot.keyRejections().isEmpty()) {
			// By property, so that the order is the same at every check.
			Map<String, ObservedClientState.KeyRejection> rejections = new TreeMap<>(snapshot.keyRejections());
			builder.down()
				.withDetail("reason",
						rejections.entrySet()
							.stream()
							.map((rejection) -> "The API rejected the API key (" + rejection.getValue().status()
									+ "): check " + rejection.getKey())
							.collect(Collectors.joining("; ")))
				.withDetail("rejectedAt",
						rejections.values()
							.stream()
							.map(ObservedClientState.KeyRejection::at)
							.max(Comparator.naturalOrder())
							.map(Object::toString)
							.orElseThrow());
		}
		else if (snapshot.connectionFailures() > 0
				&& this.state.hasRecentConnectionFailures(this.connectionFailureWindow)) {
			builder.down()
				.withDetail("reason", "The API could not be reached")
				.withDetail("connectionFailures", snapshot.connectionFailures())
				.withDetail("lastConnectionFailure", String.valueOf(snapshot.lastConnectionFailure()))
				.withDetail("lastConnectionError", String.valueOf(snapshot.lastConnectionError()));
		}
		else if (placeStoreUnreachable != null) {
			// No call can be sent while the limiter cannot take a place.
			builder.down().withDetail("reason", placeStoreUnreachable);
		}
		else if (deliveryStoreUnreachable != null) {
			// Webhooks are accepted still, but each instance publishes its own copies.
			builder.down().withDetail("reason", deliveryStoreUnreachable);
		}
		else {
			builder.up();
		}
		if (this.store != null) {
			builder.withDetail("rateLimiter.store", this.store.kind());
		}
		RateLimiter rateLimiter = this.rateLimiter.get();
		if (rateLimiter != null) {
			RateLimiter.Metrics metrics = rateLimiter.getMetrics();
			builder.withDetail("rateLimiter.availablePermissions", metrics.getAvailablePermissions())
				.withDetail("rateLimiter.waitingCalls", metrics.getNumberOfWaitingThreads());
		}
	}

}
