package io.sendpulse.spring.autoconfigure;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.sendpulse.spring.sms.SmsMessage;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that closes (SIGTERM, a redeploy) while a send it started is in flight,
 * on a task of its own rather than in a web request, lets it end first: the message is
 * not dropped with the JVM.
 */
@ExtendWith(OutputCaptureExtension.class)
class CallsInFlightAtCloseTests {

	@StartStop
	private final MockWebServer api = new MockWebServer();

	@ParameterizedTest
	@EnumSource(names = { "BOOT", "REACTOR_NETTY" })
	void closingWaitsForASendInFlight(Connector connector, CapturedOutput output) {
		this.api.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{\"id\":\"msg_late\",\"to\":\"+14155550123\",\"status\":\"queued\",\"segments\":1}")
			.headersDelay(1500, TimeUnit.MILLISECONDS)
			.build());
		ApplicationContextRunner runner = connector.apply(new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SendPulseAutoConfiguration.class))
			.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=20ms", "sendpulse.api-key=sk-test",
					"sendpulse.sms.from=Acme", "sendpulse.base-url=" + this.api.url("/")));
		CompletableFuture<SmsMessage> sent = new CompletableFuture<>();
		runner.run((context) -> {
			context.getBean(SmsTemplate.class)
				.reactive()
				.send(SmsRequest.builder().to("+14155550123").text("Shipped").build())
				.subscribe(sent::complete, sent::completeExceptionally);
			// Sent, not yet answered.
			assertThat(this.api.takeRequest(10, TimeUnit.SECONDS)).isNotNull();
			context.close();
			assertThat(sent).isCompletedWithValueMatching((message) -> message.id().equals("msg_late"));
		});
		assertThat(output).contains("Waiting for 1 SendPulse call(s) in flight to end before the application closes");
	}

}
