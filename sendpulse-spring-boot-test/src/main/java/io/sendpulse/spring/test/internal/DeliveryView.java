package io.sendpulse.spring.test.internal;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * A webhook as the sandbox posted it, or is still posting it.
 *
 * @param event the event, such as {@code sms.delivered}
 * @param target where it goes, {@code null} when there was nowhere to post it
 * @param body the signed body, exactly as sent
 * @param attempts how many times it was posted
 * @param status the status of the last answer, 0 when none came
 * @param delivered whether the target accepted it
 */
public record DeliveryView(String event, @Nullable URI target, String body, int attempts, int status,
		boolean delivered) {

}
