package io.sendpulse.spring.autoconfigure.webhook;

import org.springframework.test.context.TestPropertySource;

/**
 * Spring Security's reactive defaults around the webhook endpoint on WebFlux.
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class WebFluxWebhookSecurityTests extends AbstractWebhookSecurityTests {

}
