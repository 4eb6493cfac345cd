package io.sendpulse.spring.autoconfigure.webhook;

import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

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
	void publishesOffTheEventLoopOnThreadsOfItsOwnByDefault() throws Exception {
		assertThat(listenerThreadOfADelivery()).startsWith("sendpulse-webhook-");
	}

	@Test
	void runsListenersThatBlockOnMoreThreadsThanBootsApplicationTaskExecutorHas() throws Exception {
		// Boot's executor has 8; as many as boundedElastic allows, ten per core.
		int deliveries = Math.min(16, Schedulers.DEFAULT_BOUNDED_ELASTIC_SIZE);
		assertThat(listenersThatBlockTogether(deliveries)).isEqualTo(deliveries);
	}

	@Test
	void publishesToAListenerThatBlocksLikeATemplatesBlockingMethod() throws Exception {
		assertThat(statusOfADeliveryToABlockingListener()).isEqualTo(200);
	}

}
