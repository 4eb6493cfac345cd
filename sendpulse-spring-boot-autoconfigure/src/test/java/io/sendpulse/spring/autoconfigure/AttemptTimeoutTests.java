package io.sendpulse.spring.autoconfigure;

import java.time.Duration;

import io.sendpulse.spring.SendPulseConnectionException;
import io.sendpulse.spring.TestServerLoops;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.http.client.reactive.JdkClientHttpConnector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every attempt ends within {@code sendpulse.attempt-timeout}, however slowly the
 * response arrives and whatever connector the application set up.
 */
class AttemptTimeoutTests {

	private DisposableServer server;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void startTricklingServer() {
		// A response whose body never ends: a space every 50 ms, so no read is ever idle
		// for long.
		this.server = HttpServer.create()
			.runOn(TestServerLoops.LOOPS)
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/v1/sms/send",
					(request, response) -> response.header("Content-Type", "application/json")
						.sendString(Flux.interval(Duration.ofMillis(50)).map((tick) -> " "))))
			.bindNow();
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, SendPulseAutoConfiguration.class))
			.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=20ms", "sendpulse.api-key=sk-test",
					"sendpulse.sms.from=MyShop", "sendpulse.retry.enabled=false",
					"sendpulse.base-url=http://127.0.0.1:" + this.server.port(), "sendpulse.attempt-timeout=500ms");
	}

	@AfterEach
	void stopServer() {
		// A connection the client gave up on may take a moment to close on a busy
		// machine.
		this.server.disposeNow(Duration.ofSeconds(15));
	}

	@Test
	void aResponseThatTricklesInEndsAtTheAttemptTimeout() {
		this.contextRunner.withPropertyValues("sendpulse.read-timeout=2s").run((context) -> {
			long start = System.nanoTime();
			assertThatExceptionOfType(SendPulseConnectionException.class)
				.isThrownBy(() -> context.getBean(SmsTemplate.class).send(request()))
				.withMessageContaining("attempt timeout");
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
		});
	}

	@Test
	void aConnectorWithoutTimeoutsStillEndsEachAttempt() {
		this.contextRunner
			.withBean(SendPulseWebClientCustomizer.class,
					() -> (builder) -> builder.clientConnector(new JdkClientHttpConnector()))
			.run((context) -> assertThatExceptionOfType(SendPulseConnectionException.class)
				.isThrownBy(() -> context.getBean(SmsTemplate.class).send(request()))
				.withMessageContaining("attempt timeout"));
	}

	private static SmsRequest request() {
		return SmsRequest.builder().to("+14155550123").text("Hello").build();
	}

}
