package io.sendpulse.spring.internal.webhook;

import org.jspecify.annotations.Nullable;

/**
 * Observes each webhook delivery the {@link WebhookProcessor} handles, from its receipt
 * to its outcome, without tying the processor to a metrics library.
 */
@FunctionalInterface
public interface WebhookDeliveryObserver {

	/** Observes nothing. */
	WebhookDeliveryObserver NONE = () -> (eventFamily, outcome, failure) -> {
	};

	/**
	 * Start observing a delivery that has just arrived.
	 * @return what to stop once its outcome is known
	 */
	Observed start();

	/**
	 * Return an observer of another account's deliveries.
	 * @param account the account's name
	 * @return the observer, this one when it does not tell accounts apart
	 */
	default WebhookDeliveryObserver forAccount(String account) {
		return this;
	}

	/**
	 * A delivery being observed.
	 */
	@FunctionalInterface
	interface Observed {

		/**
		 * Stop observing the delivery.
		 * @param eventFamily {@code sms}, {@code call}, {@code verify}, {@code other} for
		 * another verified event, or {@code none} when no event was read
		 * @param outcome what became of it
		 * @param failure what a listener threw, for
		 * {@link WebhookOutcome#LISTENER_FAILED}; otherwise {@code null}
		 */
		void stop(String eventFamily, WebhookOutcome outcome, @Nullable Throwable failure);

	}

}
