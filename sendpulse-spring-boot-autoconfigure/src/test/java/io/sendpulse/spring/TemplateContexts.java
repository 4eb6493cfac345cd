package io.sendpulse.spring;

import io.sendpulse.spring.autoconfigure.SendPulseAutoConfiguration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Application contexts with the auto-configured templates pointed at a loopback server,
 * for the template tests: retries and the rate limit off, so each test sees exactly its
 * requests.
 */
public final class TemplateContexts {

	/** The API key the templates are configured with. */
	public static final String API_KEY = "sk-test-secret";

	private TemplateContexts() {
	}

	/**
	 * A runner with the templates' auto-configuration, pointed at a server.
	 * @param server the loopback server
	 * @return the runner
	 */
	public static ApplicationContextRunner runner(MockWebServer server) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, SendPulseAutoConfiguration.class))
			// Close each context quickly: Reactor Netty otherwise waits 2 s for quiet
			// loops. Not 0s: loops that stop at once can drop the close of a pooled
			// connection, and the context's close then waits for it forever
			// (netty/netty#9603).
			.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=20ms")
			.withPropertyValues("sendpulse.api-key=" + API_KEY, "sendpulse.retry.enabled=false",
					"sendpulse.rate-limit.enabled=false", "sendpulse.base-url=" + server.url("/"));
	}

	/**
	 * The API's answer to an SMS send: queued, one segment.
	 * @return the answer
	 */
	public static MockResponse queued() {
		return new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{\"id\":\"msg_1\",\"to\":\"+14155550123\",\"status\":\"queued\",\"segments\":1,\"cost\":0.0075}")
			.build();
	}

	/**
	 * Run a test in a context that started.
	 * @param server the loopback server
	 * @param test the test
	 * @param properties more properties
	 */
	public static void run(MockWebServer server, ContextConsumer<ApplicationContext> test, String... properties) {
		runner(server).withPropertyValues(properties).run((context) -> {
			assertThat(context).hasNotFailed();
			test.accept(context);
		});
	}

}
