package io.sendpulse.spring.autoconfigure.webhook;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook suite on Spring MVC and Tomcat.
 */
@TestPropertySource(properties = "spring.main.web-application-type=servlet")
class WebMvcWebhookEndpointTests extends AbstractWebhookEndpointTests {

	@Autowired
	private WebServerApplicationContext context;

	@Test
	void runsOnTomcat() {
		assertThat(this.context.getWebServer()).isInstanceOf(TomcatWebServer.class);
	}

	@Test
	void publishesToAListenerThatBlocksLikeATemplatesBlockingMethod() throws Exception {
		assertThat(statusOfADeliveryToABlockingListener()).isEqualTo(200);
	}

}
