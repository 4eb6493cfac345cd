package io.sendpulse.spring.internal.ratelimit;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Where the places of a {@link SlidingWindowRateLimiter} are kept: in this JVM
 * ({@link InMemoryPlaceStore}) or where every instance sharing an API key sees them.
 * <p>
 * A place is held from {@link #take(int)} until {@link #release(long, Duration)} plus the
 * hold given there. That is the whole algorithm a store implements; the limiter does the
 * waiting, the ordering of callers and the timeouts. A store measures time on its own
 * clock (a shared store on the shared clock), so holds mean the same to every instance. A
 * shared store must also bound how long a place taken but never released stays held (an
 * instance that dies mid-request), for example by a key expiry well above the longest
 * request. A store in another process should bound how long a take waits for its answer,
 * and say so ({@link #answersWithin()}): the limiter then sets timers only for callers
 * whose time is up before that, and refuses them on time.
 */
public interface PlaceStore {

	/**
	 * Take a place if fewer than {@code limit} are held now, atomically.
	 * @param limit the most places held at once
	 * @return the place taken, or, when all are held, when the earliest one frees up
	 */
	Mono<Take> take(int limit);

	/**
	 * Release a place taken from this store: it stays held for {@code holdFor} from now,
	 * then frees up.
	 * @param place the place, as {@link Take#place()} named it
	 * @param holdFor how long the place stays held: one period when the request may have
	 * reached the API, zero when it was never sent
	 * @return completion
	 */
	Mono<Void> release(long place, Duration holdFor);

	/**
	 * Return how many places are held now, for metrics: a recent value will do.
	 * @return the places held
	 */
	int held();

	/**
	 * Return why the store could not be reached the last time it was asked, for the
	 * health: a store in this JVM always can.
	 * @return what failed, or {@code null} when its latest command was answered
	 */
	default @Nullable String unreachable() {
		return null;
	}

	/**
	 * Return the longest a take waits for the store before it answers or fails, when the
	 * store bounds it: the limiter then sets no timer of its own for callers whose time
	 * is up later than that.
	 * @return the bound, or {@code null} when there is none (or a store in this JVM,
	 * which answers at once)
	 */
	default @Nullable Duration answersWithin() {
		return null;
	}

	/**
	 * Say, for a caller whose time was up while a take was still under way, what the
	 * store did: the refusal's cause. A store in this JVM always answers at once.
	 * @return the cause, in the store's words
	 */
	default RuntimeException noAnswerInTime() {
		return new NoAnswerException("the rate-limit store (" + kind() + ") did not answer in time");
	}

	/**
	 * Return what kind of store this is, for the health.
	 * @return {@code memory} or the shared store's name
	 */
	default String kind() {
		return "memory";
	}

	/**
	 * What {@link #take(int)} got.
	 *
	 * @param taken whether a place was taken
	 * @param place the place taken, to be released later
	 * @param freesIn when not taken: how long until the earliest held place frees up, or
	 * {@code null} when every place is held by a request still in flight (then none frees
	 * up before one period after a response). A store shared with other processes never
	 * answers {@code null}: nobody here is told when their requests end.
	 */
	record Take(boolean taken, long place, @Nullable Duration freesIn) {

		/**
		 * A place was taken.
		 * @param place the place
		 * @return the answer
		 */
		public static Take taken(long place) {
			return new Take(true, place, null);
		}

		/**
		 * Every place is held.
		 * @param freesIn when the earliest frees up, when known
		 * @return the answer
		 */
		public static Take full(@Nullable Duration freesIn) {
			return new Take(false, 0, freesIn);
		}

	}

}
