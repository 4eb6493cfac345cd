package io.sendpulse.spring.autoconfigure.webhook;

import org.springframework.test.context.TestPropertySource;

/**
 * Spring Security's servlet defaults around the webhook endpoint on Spring MVC.
 */
@TestPropertySource(properties = "spring.main.web-application-type=servlet")
class WebMvcWebhookSecurityTests extends AbstractWebhookSecurityTests {

}
