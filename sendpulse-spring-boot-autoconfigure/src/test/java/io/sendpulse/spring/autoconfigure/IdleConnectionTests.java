package io.sendpulse.spring.autoconfigure;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sendpulse.spring.TestServerLoops;
import io.sendpulse.spring.sms.SmsMessage;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A pooled connection that a NAT gateway or firewall forgot while it sat idle: what is
 * sent on it is swallowed without an answer or a reset. The client closes its idle
 * connections after {@code sendpulse.max-idle-time}, so a send after a quiet spell goes
 * out on a fresh one; a send on a connection that died sooner waits the read timeout and
 * is retried with the same {@code Idempotency-Key}. On both Reactor Netty connectors.
 */
class IdleConnectionTests {

	private static final String QUEUED = "{\"id\":\"msg_1\",\"to\":\"+14155550123\",\"status\":\"queued\",\"segments\":1,\"cost\":0.0075}";

	private final List<String> receivedKeys = new CopyOnWriteArrayList<>();

	private volatile Duration answerDelay = Duration.ZERO;

	private DisposableServer api;

	private BlackHoleProxy network;

	private ApplicationContextRunner contextRunner;

	@BeforeEach
	void startApiBehindTheNetwork() throws IOException {
		this.api = HttpServer.create()
			.runOn(TestServerLoops.LOOPS)
			.host("127.0.0.1")
			.port(0)
			.route((routes) -> routes.post("/v1/sms/send", (request, response) -> {
				this.receivedKeys.add(request.requestHeaders().get("Idempotency-Key"));
				return request.receive()
					.then()
					.then(Mono.delay(this.answerDelay))
					.then(response.header("Content-Type", "application/json").sendString(Mono.just(QUEUED)).then());
			}))
			.bindNow();
		this.network = new BlackHoleProxy(this.api.port());
		this.contextRunner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SendPulseAutoConfiguration.class))
			.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=20ms", "sendpulse.api-key=sk-test",
					"sendpulse.sms.from=MyShop", "sendpulse.base-url=http://127.0.0.1:" + this.network.port());
	}

	@AfterEach
	void stop() throws IOException {
		this.network.close();
		this.api.disposeNow(Duration.ofSeconds(15));
	}

	@ParameterizedTest
	@EnumSource(names = { "BOOT", "REACTOR_NETTY" })
	void sendsOnAFreshConnectionWhenThePooledOneWasForgottenAfterMaxIdleTime(Connector connector) {
		connector.apply(this.contextRunner)
			.withPropertyValues("sendpulse.max-idle-time=300ms", "sendpulse.read-timeout=5s")
			.run((context) -> {
				SmsTemplate sms = context.getBean(SmsTemplate.class);
				sms.send(request());
				this.network.blackHole();
				await().atMost(Duration.ofSeconds(5)).until(() -> this.network.closedByClient() == 1);
				long start = System.nanoTime();
				SmsMessage message = sms.send(request());
				assertThat(message.id()).isEqualTo("msg_1");
				assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
				assertThat(this.network.swallowedKeys()).isEmpty();
				assertThat(this.network.opened()).isEqualTo(2);
				assertThat(this.receivedKeys).hasSize(2).doesNotHaveDuplicates();
			});
	}

	@Test
	void aContextStartedAgainTakesTheConnectionTheOneBeforeLeftInThePool() {
		// As after a DevTools restart: the starter's own connector is made again, and
		// Reactor Netty's global pool, keyed by a hash of the client's settings (the
		// idle-connection observer included), gives it the connection the closed context
		// left. (Boot's connector takes the context's resources, closed with it.)
		ApplicationContextRunner runner = Connector.REACTOR_NETTY.apply(this.contextRunner)
			.withPropertyValues("sendpulse.max-idle-time=1m");
		runner.run((context) -> context.getBean(SmsTemplate.class).send(request()));
		runner.run((context) -> context.getBean(SmsTemplate.class).send(request()));
		assertThat(this.receivedKeys).hasSize(2);
		assertThat(this.network.opened()).isOne();
	}

	@ParameterizedTest
	@EnumSource(names = { "BOOT", "REACTOR_NETTY" })
	void keepsAnIdleConnectionForMaxIdleTime(Connector connector) {
		connector.apply(this.contextRunner).withPropertyValues("sendpulse.max-idle-time=1m").run((context) -> {
			context.getBean(SmsTemplate.class).send(request());
			await().during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(5))
				.until(() -> this.network.opened() == 1 && this.network.closedByClient() == 0);
		});
	}

	@ParameterizedTest
	@EnumSource(names = { "BOOT", "REACTOR_NETTY" })
	void leavesOpenAConnectionThatACallTookFromThePoolForLongerThanMaxIdleTime(Connector connector) {
		connector.apply(this.contextRunner)
			.withPropertyValues("sendpulse.max-idle-time=300ms", "sendpulse.read-timeout=5s")
			.run((context) -> {
				SmsTemplate sms = context.getBean(SmsTemplate.class);
				sms.send(request());
				this.answerDelay = Duration.ofMillis(700);
				// Each send takes a connection from the pool, or opens one when it comes
				// before the last one is back, and holds it for over 300 ms. An attempt
				// cut there would be retried, and its key arrive twice.
				for (int i = 0; i < 3; i++) {
					sms.send(request());
				}
				assertThat(this.receivedKeys).hasSize(4).doesNotHaveDuplicates();
				// At least one send took a pooled connection (else nothing here was held
				// under the watch).
				assertThat(this.network.opened()).isLessThan(4);
			});
	}

	@ParameterizedTest
	@EnumSource(names = { "BOOT", "REACTOR_NETTY" })
	void retriesASendSwallowedByAForgottenConnectionWithTheSameKeyAfterTheReadTimeout(Connector connector) {
		connector.apply(this.contextRunner)
			.withPropertyValues("sendpulse.max-idle-time=1m", "sendpulse.read-timeout=500ms")
			.run((context) -> {
				SmsTemplate sms = context.getBean(SmsTemplate.class);
				sms.send(request());
				long[] took = new long[1];
				// The client puts a connection back in its pool just after the answer, so
				// a send straight after may open another: send until one meets a black
				// hole.
				await().atMost(Duration.ofSeconds(20)).until(() -> {
					this.network.blackHole();
					long start = System.nanoTime();
					assertThat(sms.send(request()).id()).isEqualTo("msg_1");
					took[0] = System.nanoTime() - start;
					return !this.network.swallowedKeys().isEmpty();
				});
				assertThat(Duration.ofNanos(took[0])).isGreaterThanOrEqualTo(Duration.ofMillis(500));
				assertThat(this.receivedKeys).doesNotHaveDuplicates();
				assertThat(this.network.swallowedKeys())
					.containsOnly(this.receivedKeys.get(this.receivedKeys.size() - 1));
			});
	}

	private static SmsRequest request() {
		return SmsRequest.builder().to("+14155550123").text("Hello").build();
	}

}
