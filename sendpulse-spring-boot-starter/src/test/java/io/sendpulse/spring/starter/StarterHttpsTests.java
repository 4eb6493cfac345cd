package io.sendpulse.spring.starter;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;

import javax.net.ssl.KeyManagerFactory;

import io.sendpulse.spring.SendPulseConnectionException;
import io.sendpulse.spring.autoconfigure.SendPulseAutoConfiguration;
import io.sendpulse.spring.sms.SmsMessage;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
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
 * HTTPS, as every send to SendPulse goes, on the class path the starter gives an
 * application, and nothing else (this module's tests add only Boot's test support):
 * Reactor Netty without QUIC's native libraries, which the starter leaves out. Against a
 * loopback HTTPS server whose self-signed certificate keytool makes for the test.
 */
class StarterHttpsTests {

	private static final String PASSWORD = "changeit";

	private static final String QUEUED = "{\"id\":\"msg_1\",\"to\":\"+14155550123\",\"status\":\"queued\",\"segments\":1,\"cost\":0.0075}";

	@TempDir
	Path directory;

	private Path keyStore;

	private DisposableServer server;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, SendPulseAutoConfiguration.class))
		.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=20ms", "sendpulse.api-key=sk-test",
				"sendpulse.retry.enabled=false", "sendpulse.sms.from=Acme");

	@BeforeEach
	void startHttpsServer() throws Exception {
		this.keyStore = selfSignedKeyStore();
		KeyStore store = KeyStore.getInstance("PKCS12");
		try (InputStream in = Files.newInputStream(this.keyStore)) {
			store.load(in, PASSWORD.toCharArray());
		}
		KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
		keyManagers.init(store, PASSWORD.toCharArray());
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.secure((spec) -> spec.sslContext(Http11SslContextSpec.forServer(keyManagers)))
			.route((routes) -> routes.post("/v1/sms/send", (request, response) -> request.receive()
				.then()
				.then(response.header("Content-Type", "application/json").sendString(Mono.just(QUEUED)).then())))
			.bindNow();
	}

	@AfterEach
	void stop() {
		this.server.disposeNow(Duration.ofSeconds(15));
	}

	@Test
	void sendsOverHttpsWithTheStartersConnector() {
		this.contextRunner
			.withPropertyValues("sendpulse.base-url=https://127.0.0.1:" + this.server.port(),
					"sendpulse.ssl.bundle=sendpulse",
					"spring.ssl.bundle.jks.sendpulse.truststore.location=file:" + this.keyStore,
					"spring.ssl.bundle.jks.sendpulse.truststore.password=" + PASSWORD,
					"spring.ssl.bundle.jks.sendpulse.truststore.type=PKCS12")
			.run((context) -> {
				SmsMessage message = context.getBean(SmsTemplate.class)
					.send(SmsRequest.builder().to("+14155550123").text("Hello").build());
				assertThat(message.id()).isEqualTo("msg_1");
			});
	}

	@Test
	void refusesAnUntrustedServerAsATlsFailure() {
		this.contextRunner.withPropertyValues("sendpulse.base-url=https://127.0.0.1:" + this.server.port())
			.run((context) -> assertThatExceptionOfType(SendPulseConnectionException.class)
				.isThrownBy(() -> context.getBean(SmsTemplate.class)
					.send(SmsRequest.builder().to("+14155550123").text("Hello").build()))
				.withMessageStartingWith("TLS failed"));
	}

	private Path selfSignedKeyStore() throws Exception {
		Path store = this.directory.resolve("server.p12");
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
