package io.sendpulse.spring.internal.ratelimit;

import java.util.function.Function;

import io.github.resilience4j.ratelimiter.RateLimiter;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscription;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * A request sent under a place of a limiter: what
 * {@code placeUnder(limiter).flatMap((place) -> request.doOnEach(release).doOnCancel(release))}
 * does, with the place taken at subscription and one subscriber of its own when a place
 * is free at once, which is most requests.
 *
 * @param <T> the request's result
 * @see SlidingWindowRateLimiter#holding(RateLimiter, Mono, Function)
 */
final class HoldingPlace<T> extends Mono<T> {

	private final RateLimiter limiter;

	private final Mono<T> request;

	private final Function<NoPlaceException, ? extends Throwable> refusal;

	HoldingPlace(RateLimiter limiter, Mono<T> request, Function<NoPlaceException, ? extends Throwable> refusal) {
		this.limiter = limiter;
		this.request = request;
		this.refusal = refusal;
	}

	@Override
	public void subscribe(CoreSubscriber<? super T> actual) {
		Place place;
		try {
			place = (this.limiter instanceof SlidingWindowRateLimiter ours) ? ours.placeNow() : null;
		}
		catch (Throwable ex) {
			Operators.error(actual, Operators.onOperatorError(ex, actual.currentContext()));
			return;
		}
		if (place != null) {
			this.request.subscribe(new Holder<>(actual, place));
			return;
		}
		// Wait for a place in the queue (or from a plain Resilience4j limiter).
		SlidingWindowRateLimiter.placeUnder(this.limiter)
			.onErrorMap(NoPlaceException.class, this.refusal)
			.flatMap((granted) -> new Held<>(this.request, granted))
			.subscribe(actual);
	}

	/** The request under a place granted after a wait. */
	private static final class Held<T> extends Mono<T> {

		private final Mono<T> request;

		private final Place place;

		Held(Mono<T> request, Place place) {
			this.request = request;
			this.place = place;
		}

		@Override
		public void subscribe(CoreSubscriber<? super T> actual) {
			this.request.subscribe(new Holder<>(actual, this.place));
		}

	}

	/**
	 * Passes the request's signals on and releases the place first on each of them, and
	 * on cancel: the request may have been sent (releasing twice does nothing).
	 */
	private static final class Holder<T> implements CoreSubscriber<T>, Subscription {

		private final CoreSubscriber<? super T> actual;

		private final Place place;

		private @Nullable Subscription upstream;

		Holder(CoreSubscriber<? super T> actual, Place place) {
			this.actual = actual;
			this.place = place;
		}

		@Override
		public Context currentContext() {
			return this.actual.currentContext();
		}

		@Override
		public void onSubscribe(Subscription subscription) {
			if (Operators.validate(this.upstream, subscription)) {
				this.upstream = subscription;
				this.actual.onSubscribe(this);
			}
		}

		@Override
		public void onNext(T value) {
			this.place.release();
			this.actual.onNext(value);
		}

		@Override
		public void onError(Throwable ex) {
			this.place.release();
			this.actual.onError(ex);
		}

		@Override
		public void onComplete() {
			this.place.release();
			this.actual.onComplete();
		}

		@Override
		public void request(long n) {
			Subscription upstream = this.upstream;
			if (upstream != null) {
				upstream.request(n);
			}
		}

		@Override
		public void cancel() {
			this.place.release();
			Subscription upstream = this.upstream;
			if (upstream != null) {
				upstream.cancel();
			}
		}

	}

}
