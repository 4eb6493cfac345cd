package io.sendpulse.spring.autoconfigure.webhook;

import org.springframework.test.context.TestPropertySource;

/**
 * The several-accounts webhook suite on Spring MVC and Tomcat.
 */
@TestPropertySource(properties = "spring.main.web-application-type=servlet")
class WebMvcAccountWebhookEndpointTests extends AbstractAccountWebhookEndpointTests {

}
