package io.sendpulse.spring.autoconfigure.webhook;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.reactor.netty.NettyWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook suite on WebFlux and Reactor Netty, with its defaults: listeners may block.
 */
@TestPropertySource(properties = "spring.main.web-application-type=reactive")
class WebFluxWebhookEndpointTests extends AbstractWebhookEndpointTests {

	@Autowired
	private WebServerApplicationContext context;

	@Test
	void runsOnReactorNetty() {
		assertThat(this.context.getWebServer()).isInstanceOf(NettyWebServer.class);
	}

	@Test
	void publishesOffTheEventLoopOnBootsApplicationTaskExecutorByDefault() throws Exception {
		assertThat(listenerThreadOfADelivery()).startsWith("task-");
	}

	@Test
	void publishesToAListenerThatBlocksLikeATemplatesBlockingMethod() throws Exception {
		assertThat(statusOfADeliveryToABlockingListener()).isEqualTo(200);
	}

}
