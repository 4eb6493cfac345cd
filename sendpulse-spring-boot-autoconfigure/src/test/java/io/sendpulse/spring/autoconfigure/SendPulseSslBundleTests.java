package io.sendpulse.spring.autoconfigure;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;

import io.sendpulse.spring.SendPulseConnectionException;
import io.sendpulse.spring.TestServerLoops;
import io.sendpulse.spring.internal.InvalidSendPulsePropertyException;
import io.sendpulse.spring.sms.SmsMessage;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.Http11SslContextSpec;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code sendpulse.ssl.bundle}: the client trusts what a {@code spring.ssl.bundle.*}
 * says, against a loopback HTTPS server whose self-signed certificate keytool makes for
 * the test, whichever {@link Connector} it has.
 */
class SendPulseSslBundleTests {

	private static final String PASSWORD = "changeit";

	private static final String QUEUED = "{\"id\":\"msg_1\",\"to\":\"+14155550123\",\"status\":\"queued\",\"segments\":1,\"cost\":0.0075}";

	@TempDir
	static Path directory;

	private static Path keyStore;

	private DisposableServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, SendPulseAutoConfiguration.class))
		.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=20ms", "sendpulse.api-key=sk-test",
				"sendpulse.retry.enabled=false");

	@BeforeEach
	void startHttpsServer() throws Exception {
		if (keyStore == null) {
			keyStore = selfSignedKeyStore();
		}
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(keyStore)) {
			store.load(in, PASSWORD.toCharArray());
		}
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(store, PASSWORD.toCharArray());
		this.server = HttpServer.create()
			.runOn(TestServerLoops.LOOPS)
			.host("127.0.0.1")
			.port(0)
			.secure((spec) -> spec.sslContext(Http11SslContextSpec.forServer(keyManagers)))
			.route((routes) -> routes
				// The body read before answering, as the API does: a reply racing an
				// unread body can leave the server unable to stop.
				.post("/v1/sms/send", (request, response) -> request.receive()
					.then()
					.then(response.header("Content-Type", "application/json").sendString(Mono.just(QUEUED)).then()))
				.get("/v1/sms/{id}",
						(request, response) -> response.header("Content-Type", "application/json")
							.sendString(Mono.just(QUEUED).delayElement(Duration.ofSeconds(5)))))
			.bindNow();
	}

	@AfterEach
	void stop() {
		// A connection the client gave up on may take a moment to close on a busy
		// machine.
		this.server.disposeNow(Duration.ofSeconds(15));
	}

	@ParameterizedTest
	@EnumSource
	void trustsTheServerThroughTheNamedBundle(Connector connector) {
		connector.apply(this.contextRunner).withPropertyValues(bundle()).run((context) -> {
			SmsMessage message = send(context.getBean(SmsTemplate.class));
			assertThat(message.id()).isEqualTo("msg_1");
		});
	}

	@ParameterizedTest
	@EnumSource
	void refusesTheSelfSignedServerWithoutTheBundle(Connector connector) {
		connector.apply(this.contextRunner)
			.withPropertyValues("sendpulse.base-url=https://127.0.0.1:" + this.server.port())
			.run((context) -> assertThatExceptionOfType(SendPulseConnectionException.class)
				.isThrownBy(() -> send(context.getBean(SmsTemplate.class)))
				.withMessageStartingWith("TLS failed"));
	}

	@ParameterizedTest
	@EnumSource
	void keepsTheReadTimeoutWithABundle(Connector connector) {
		connector.apply(this.contextRunner)
			.withPropertyValues(bundle())
			.withPropertyValues("sendpulse.read-timeout=300ms")
			.run((context) -> {
				long start = System.nanoTime();
				assertThatExceptionOfType(SendPulseConnectionException.class)
					.isThrownBy(() -> context.getBean(SmsTemplate.class).status("msg_1"))
					.withMessageContaining("read timeout");
				assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isLessThan(4000);
			});
	}

	@ParameterizedTest
	@EnumSource
	void stopsTheStartForABundleThatDoesNotExistNamingTheProperty(Connector connector) {
		connector.apply(this.contextRunner)
			.withPropertyValues("sendpulse.base-url=https://127.0.0.1:" + this.server.port(),
					"sendpulse.ssl.bundle=corporate")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidSendPulsePropertyException.class)
				.hasMessage("sendpulse.ssl.bundle names 'corporate', which is not one of the application's SSL bundles "
						+ "(spring.ssl.bundle.*)"));
	}

	private String[] bundle() {
		return new String[] { "sendpulse.base-url=https://127.0.0.1:" + this.server.port(),
				"sendpulse.ssl.bundle=sendpulse",
				"spring.ssl.bundle.jks.sendpulse.truststore.location=file:" + keyStore,
				"spring.ssl.bundle.jks.sendpulse.truststore.password=" + PASSWORD,
				"spring.ssl.bundle.jks.sendpulse.truststore.type=PKCS12" };
	}

	private static SmsMessage send(SmsTemplate sms) {
		return sms.send(SmsRequest.builder().to("+14155550123").from("Acme").text("Hello").build());
	}

	private static Path selfSignedKeyStore() throws Exception {
		Path store = directory.resolve("server.p12");
		Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
				"-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname",
				"CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12", "-keystore",
				store.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
			.redirectErrorStream(true)
			.start();
		String output = new String(keytool.getInputStream().readAllBytes());
		assertThat(keytool.waitFor()).as(output).isZero();
		return store;
	}

}
