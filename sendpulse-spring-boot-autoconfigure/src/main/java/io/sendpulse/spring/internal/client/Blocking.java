package io.sendpulse.spring.internal.client;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.Assert;

/**
 * What every blocking template method does with its reactive twin.
 */
public final class Blocking {

	private Blocking() {
	}

	/**
	 * Wait for a call's outcome. Failures surface unwrapped, as the
	 * {@link io.sendpulse.spring.SendPulseException} or {@link IllegalArgumentException}
	 * they are. On a thread that must not block (a Reactor Netty event loop, Reactor's
	 * parallel scheduler), fails before the call is made: Reactor's own check comes only
	 * once the call has started, so the message would go out and the caller (a webhook
	 * listener whose endpoint then answers 500, for SendPulse to deliver again) would
	 * send it again.
	 * @param <T> the result type
	 * @param call the call
	 * @return the result
	 * @throws IllegalStateException on a thread that must not block, with nothing sent
	 */
	public static <T> T block(Mono<T> call) {
		if (Schedulers.isInNonBlockingThread()) {
			throw new IllegalStateException("A blocking SendPulse template method was called on thread "
					+ Thread.currentThread().getName() + ", which must not block: nothing was sent. Subscribe to "
					+ "the template's reactive() view there instead (never block() it); in a WebFlux webhook "
					+ "listener, leave sendpulse.webhook.blocking-listeners at its default (true)");
		}
		T result = call.block();
		Assert.state(result != null, "SendPulse call completed without a result");
		return result;
	}

}
