package io.sendpulse.spring.internal.client;

import reactor.core.publisher.Mono;

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
	 * they are.
	 * @param <T> the result type
	 * @param call the call
	 * @return the result
	 */
	public static <T> T block(Mono<T> call) {
		T result = call.block();
		Assert.state(result != null, "SendPulse call completed without a result");
		return result;
	}

}
