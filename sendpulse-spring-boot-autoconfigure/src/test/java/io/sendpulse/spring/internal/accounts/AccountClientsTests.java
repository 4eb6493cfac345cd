package io.sendpulse.spring.internal.accounts;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import io.github.resilience4j.retry.Retry;
import io.micrometer.observation.ObservationRegistry;
import io.sendpulse.spring.internal.client.SendPulseResilience;
import io.sendpulse.spring.internal.sms.DefaultReactiveSmsTemplate;
import io.sendpulse.spring.internal.sms.DefaultSmsTemplate;
import io.sendpulse.spring.sms.SmsRequest;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The clients of every account share one retry, and its debug log, however many clients
 * the accounts make.
 */
@ExtendWith(OutputCaptureExtension.class)
class AccountClientsTests {

	private static final String SENT = """
			{"id":"msg_1","to":"+14155550123","status":"queued","segments":1,"cost":0.0075}""";

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final Logger clientLogger = (Logger) LoggerFactory.getLogger("io.sendpulse.spring.internal.client");

	private Level level;

	@BeforeEach
	void logRetries() {
		this.level = this.clientLogger.getLevel();
		this.clientLogger.setLevel(Level.DEBUG);
	}

	@AfterEach
	void restoreLevel() {
		this.clientLogger.setLevel(this.level);
	}

	@Test
	void eachRetryIsLoggedOnceHoweverManyClientsShareTheRetry(CapturedOutput output) {
		Retry retry = Retry.of("test",
				SendPulseResilience.retryConfig(3, Duration.ofMillis(10), 2, Duration.ofMillis(100)));
		AtomicInteger asked = new AtomicInteger();
		AccountClients clients = new AccountClients(new AccountClients.WebClientBuilderSource() {

			@Override
			public WebClient.Builder get() {
				return WebClient.builder();
			}

			@Override
			public void obtainFromContext() {
			}

		}, this.server.url("/").uri(), Duration.ofSeconds(5), () -> {
			asked.incrementAndGet();
			return retry;
		}, ObservationRegistry.NOOP, null, null, null);
		// As run-time accounts are made, evicted and made again.
		for (int i = 0; i < 3; i++) {
			this.server.enqueue(new MockResponse.Builder().code(503).build());
			this.server
				.enqueue(new MockResponse.Builder().setHeader("Content-Type", "application/json").body(SENT).build());
			DefaultSmsTemplate sms = new DefaultSmsTemplate(new DefaultReactiveSmsTemplate(
					clients.create("key-" + i, () -> null, "tenant-" + i, null), "MyShop", 4));

			assertThat(sms.send(SmsRequest.builder().to("+14155550123").text("Your order has shipped").build()).id())
				.isEqualTo("msg_1");
		}

		assertThat(this.server.getRequestCount()).isEqualTo(6);
		assertThat(asked).hasValue(1);
		assertThat(output.getOut().split("Retrying in ", -1)).hasSize(4);
	}

}
