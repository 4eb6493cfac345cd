package io.sendpulse.spring.autoconfigure.webhook;

import org.junit.jupiter.api.Test;

import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook suite on WebFlux with {@code sendpulse.webhook.blocking-listeners}: the
 * same answers, with listeners off the event loop.
 */
@TestPropertySource(
		properties = { "spring.main.web-application-type=reactive", "sendpulse.webhook.blocking-listeners=true" })
class WebFluxBlockingListenersWebhookEndpointTests extends AbstractWebhookEndpointTests {

	@Test
	void publishesOnAThreadThatMayBlock() throws Exception {
		assertThat(listenerThreadOfADelivery()).startsWith("boundedElastic");
	}

}
