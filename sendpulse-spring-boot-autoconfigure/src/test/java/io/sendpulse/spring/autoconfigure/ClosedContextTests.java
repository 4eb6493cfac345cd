package io.sendpulse.spring.autoconfigure;

import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Duration;

import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A closed context is collected once it sent, whatever its API's address: as DevTools
 * restarts an application, or a test suite with {@code @DirtiesContext} starts context
 * after context against a sandbox on a port of its own. Reactor Netty keeps a connection
 * pool per address for the life of the JVM; what the first request to an address leaves
 * in it must not hold the context.
 */
class ClosedContextTests {

	@ParameterizedTest
	@EnumSource
	void aClosedContextThatSentIsCollected(Connector connector) throws IOException {
		ApplicationContextRunner runner = connector.apply(new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SendPulseAutoConfiguration.class))
			.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=20ms", "sendpulse.api-key=sk-test",
					"sendpulse.sms.from=Acme"));
		WeakReference<ApplicationContext> closed;
		// A server, so an address, of its own: its pool is new.
		try (MockWebServer api = new MockWebServer()) {
			api.start();
			api.enqueue(new MockResponse.Builder().code(200)
				.addHeader("Content-Type", "application/json")
				.body("{\"id\":\"msg_1\",\"to\":\"+14155550123\",\"status\":\"queued\",\"segments\":1}")
				.build());
			closed = sendOnceAndClose(runner.withPropertyValues("sendpulse.base-url=" + api.url("/")));
		}
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
			System.gc();
			return closed.get() == null;
		});
	}

	private static WeakReference<ApplicationContext> sendOnceAndClose(ApplicationContextRunner runner) {
		WeakReference<ApplicationContext>[] context = new WeakReference[1];
		runner.run((started) -> {
			started.getBean(SmsTemplate.class).send(SmsRequest.builder().to("+14155550123").text("Hello").build());
			context[0] = new WeakReference<>(started.getSourceApplicationContext());
		});
		assertThat(context[0].get()).isNotNull();
		return context[0];
	}

}
