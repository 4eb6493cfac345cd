package io.sendpulse.spring.autoconfigure.webhook;

import org.springframework.test.context.TestPropertySource;

/**
 * The several-accounts webhook suite on WebFlux and Reactor Netty.
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class WebFluxAccountWebhookEndpointTests extends AbstractAccountWebhookEndpointTests {

}
