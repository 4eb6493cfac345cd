package io.sendpulse.spring.autoconfigure.webhook;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook suite on WebFlux with {@code sendpulse.webhook.blocking-listeners=false}:
 * the same answers, with listeners on the event loop.
 */
@TestPropertySource(
		properties = { "spring.main.web-application-type=reactive", "sendpulse.webhook.blocking-listeners=false" })
class WebFluxEventLoopListenersWebhookEndpointTests extends AbstractWebhookEndpointTests {

	@Test
	void publishesOnTheEventLoopWhenTheApplicationSaysListenersNeverBlock() throws Exception {
		assertThat(listenerThreadOfADelivery()).contains("-http-").doesNotStartWith("sendpulse-webhook-");
	}

}
