package io.sendpulse.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sendpulse.spring.TemplateContexts;
import io.sendpulse.spring.internal.InvalidSendPulsePropertyException;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import io.sendpulse.spring.SendPulseConnectionException;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code sendpulse.proxy.*}: the client reaches the API through an HTTP proxy, here a
 * loopback tunnelling proxy that records what passed through it.
 */
@ExtendWith(OutputCaptureExtension.class)
class SendPulseProxyTests {

	@StartStop
	private final MockWebServer api = new MockWebServer();

	private RecordingProxy proxy;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SendPulseAutoConfiguration.class))
		.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=20ms", "sendpulse.api-key=sk-test",
				"sendpulse.retry.enabled=false");

	@BeforeEach
	void startProxy() throws IOException {
		this.proxy = new RecordingProxy();
	}

	@AfterEach
	void stopProxy() throws IOException {
		this.proxy.close();
	}

	@ParameterizedTest
	@EnumSource(names = { "BOOT", "REACTOR_NETTY" })
	void reachesTheApiThroughTheProxy(Connector connector) {
		this.api.enqueue(TemplateContexts.queued());
		connector.apply(this.contextRunner)
			.withPropertyValues("sendpulse.base-url=" + this.api.url("/"), "sendpulse.proxy.host=127.0.0.1",
					"sendpulse.proxy.port=" + this.proxy.port())
			.run((context) -> {
				send(context.getBean(SmsTemplate.class));
				assertThat(this.proxy.requests()).singleElement()
					.satisfies((request) -> assertThat(request.get(0))
						.isEqualTo("CONNECT " + this.api.getHostName() + ":" + this.api.getPort() + " HTTP/1.1"));
				assertThat(this.api.getRequestCount()).isOne();
			});
	}

	@ParameterizedTest
	@EnumSource(names = { "BOOT", "REACTOR_NETTY" })
	void authenticatesToTheProxyWithoutLoggingThePassword(Connector connector, CapturedOutput output) {
		this.api.enqueue(TemplateContexts.queued());
		connector.apply(this.contextRunner)
			.withPropertyValues("sendpulse.base-url=" + this.api.url("/"), "sendpulse.proxy.host=127.0.0.1",
					"sendpulse.proxy.port=" + this.proxy.port(), "sendpulse.proxy.username=shop",
					"sendpulse.proxy.password=proxy-secret-42")
			.run((context) -> {
				send(context.getBean(SmsTemplate.class));
				String credentials = Base64.getEncoder()
					.encodeToString("shop:proxy-secret-42".getBytes(StandardCharsets.UTF_8));
				assertThat(this.proxy.requests()).singleElement()
					.satisfies((request) -> assertThat(request)
						.anyMatch((header) -> header.equalsIgnoreCase("Proxy-Authorization: Basic " + credentials)));
			});
		assertThat(output).doesNotContain("proxy-secret-42");
	}

	@ParameterizedTest
	@EnumSource(names = { "BOOT", "REACTOR_NETTY" })
	void saysTheProxyOpenedNoTunnelWithItsStatusAndNothingElseOfIt(Connector connector) {
		this.proxy.answer("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"");
		connector.apply(this.contextRunner)
			.withPropertyValues("sendpulse.base-url=" + this.api.url("/"), "sendpulse.proxy.host=127.0.0.1",
					"sendpulse.proxy.port=" + this.proxy.port(), "sendpulse.proxy.username=shop",
					"sendpulse.proxy.password=wrong-secret-7")
			.run((context) -> assertThatExceptionOfType(SendPulseConnectionException.class)
				.isThrownBy(() -> send(context.getBean(SmsTemplate.class)))
				.withMessageStartingWith("The proxy did not open a tunnel to the API, answering 407")
				.withMessageNotContaining("127.0.0.1")
				.withMessageNotContaining("wrong-secret-7"));
		assertThat(this.api.getRequestCount()).isZero();
	}

	@ParameterizedTest
	@EnumSource(names = { "BOOT", "REACTOR_NETTY" })
	void triesOnceWhenTheProxyRefusesTheCredentialsOrTheApiAndAgainWhenItCannotReachIt(Connector connector) {
		this.proxy.answer("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"corp\"");
		ApplicationContextRunner retrying = connector.apply(this.contextRunner)
			.withPropertyValues("sendpulse.base-url=" + this.api.url("/"), "sendpulse.proxy.host=127.0.0.1",
					"sendpulse.proxy.port=" + this.proxy.port(), "sendpulse.retry.enabled=true",
					"sendpulse.retry.max-attempts=3", "sendpulse.retry.initial-backoff=10ms");
		retrying.run((context) -> assertThatExceptionOfType(SendPulseConnectionException.class)
			.isThrownBy(() -> send(context.getBean(SmsTemplate.class)))
			.withMessageContaining("answering 407")
			.withMessageEndingWith("; not retried: check sendpulse.proxy.*")
			.satisfies((ex) -> assertThat(ex.isRetryable()).isFalse())
			.satisfies((ex) -> assertThat(ex.getAttempts()).isOne()));
		assertThat(this.proxy.requests()).hasSize(1);

		this.proxy.requests().clear();
		this.proxy.answer("HTTP/1.1 403 Forbidden");
		retrying.run((context) -> assertThatExceptionOfType(SendPulseConnectionException.class)
			.isThrownBy(() -> send(context.getBean(SmsTemplate.class)))
			.withMessageContaining("answering 403")
			.satisfies((ex) -> assertThat(ex.isRetryable()).isFalse()));
		assertThat(this.proxy.requests()).hasSize(1);

		this.proxy.requests().clear();
		this.proxy.answer("HTTP/1.1 503 Service Unavailable");
		retrying.run((context) -> assertThatExceptionOfType(SendPulseConnectionException.class)
			.isThrownBy(() -> send(context.getBean(SmsTemplate.class)))
			.withMessageContaining("answering 503")
			.satisfies((ex) -> assertThat(ex.isRetryable()).isTrue())
			.satisfies((ex) -> assertThat(ex.getAttempts()).isEqualTo(3)));
		assertThat(this.proxy.requests()).hasSize(3);
		assertThat(this.api.getRequestCount()).isZero();
	}

	@ParameterizedTest
	@EnumSource
	void goesDirectlyWithoutAProxy(Connector connector) {
		this.api.enqueue(TemplateContexts.queued());
		connector.apply(this.contextRunner)
			.withPropertyValues("sendpulse.base-url=" + this.api.url("/"))
			.run((context) -> {
				send(context.getBean(SmsTemplate.class));
				assertThat(this.proxy.requests()).isEmpty();
				assertThat(this.api.getRequestCount()).isOne();
			});
	}

	@Test
	void refusesAProxyItCannotTakeNamingTheProperty() {
		Connector.JDK.apply(this.contextRunner)
			.withPropertyValues("sendpulse.proxy.host=127.0.0.1", "sendpulse.proxy.port=" + this.proxy.port())
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("sendpulse.proxy.host needs the Reactor Netty HTTP connector"));
	}

	@ParameterizedTest
	@EnumSource
	void refusesAPasswordWithoutAUserName(Connector connector) {
		connector.apply(this.contextRunner)
			.withPropertyValues("sendpulse.proxy.host=127.0.0.1", "sendpulse.proxy.port=" + this.proxy.port(),
					"sendpulse.proxy.password=proxy-secret-42")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessage("sendpulse.proxy.password is set without sendpulse.proxy.username"));
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "http://proxy.internal:3128", "shop:proxy-secret-42@proxy.internal", "proxy.internal:3128" })
	void refusesAProxyHostThatIsAUrlWithoutShowingIt(String host) {
		this.contextRunner.withPropertyValues("sendpulse.proxy.host=" + host)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidSendPulsePropertyException.class)
				.hasMessage("sendpulse.proxy.host must be a host name or address, without scheme, credentials or "
						+ "path (the port goes in sendpulse.proxy.port)"));
	}

	@ParameterizedTest
	@EnumSource
	void refusesAProxyHostOfWhitespaceOnly(Connector connector) {
		// Read as no host, the calls would go out directly.
		connector.apply(this.contextRunner)
			.withInitializer(SendPulseAutoConfigurationTests.asWritten("sendpulse.proxy.host", "  "))
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new InvalidSendPulsePropertyFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).isEqualTo("sendpulse.proxy.host holds only whitespace: set it "
						+ "to the proxy's host name or address, or leave it empty or unset for no proxy");
				assertThat(analysis.getAction()).startsWith("Update sendpulse.proxy.host");
			});
	}

	@ParameterizedTest
	@EnumSource
	void goesDirectlyWithAnEmptyProxyHost(Connector connector) {
		// As an unset ${PROXY_HOST:} leaves it where there is no proxy.
		this.api.enqueue(TemplateContexts.queued());
		connector.apply(this.contextRunner)
			.withPropertyValues("sendpulse.base-url=" + this.api.url("/"), "sendpulse.proxy.host=")
			.run((context) -> {
				send(context.getBean(SmsTemplate.class));
				assertThat(this.proxy.requests()).isEmpty();
				assertThat(this.api.getRequestCount()).isOne();
			});
	}

	@ParameterizedTest
	@ValueSource(strings = { "sendpulse.proxy.username=shop", "sendpulse.proxy.password=proxy-secret-42" })
	void refusesCredentialsForNoProxy(String credential) {
		// The calls would otherwise go out directly, not through the proxy meant.
		this.contextRunner.withPropertyValues(credential)
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidSendPulsePropertyException.class)
				.hasMessageContaining("is set without sendpulse.proxy.host")
				.hasMessageNotContaining("proxy-secret-42"));
	}

	private static void send(SmsTemplate sms) {
		sms.send(SmsRequest.builder().to("+14155550123").from("Acme").text("Hello").build());
	}

	/**
	 * A forward proxy on loopback that tunnels CONNECT requests (Reactor Netty tunnels
	 * through HTTP proxies for http and https targets alike) and records each request's
	 * line and headers.
	 */
	static final class RecordingProxy implements AutoCloseable {

		private final ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());

		private final List<List<String>> requests = new CopyOnWriteArrayList<>();

		private final List<Socket> open = new CopyOnWriteArrayList<>();

		private volatile @Nullable String refusal;

		RecordingProxy() throws IOException {
			Thread acceptor = new Thread(this::accept, "recording-proxy");
			acceptor.setDaemon(true);
			acceptor.start();
		}

		int port() {
			return this.socket.getLocalPort();
		}

		List<List<String>> requests() {
			return this.requests;
		}

		/**
		 * Answer every CONNECT with this status line and headers instead of a tunnel.
		 */
		void answer(String head) {
			this.refusal = head;
		}

		private void accept() {
			while (!this.socket.isClosed()) {
				try {
					Socket client = this.socket.accept();
					this.open.add(client);
					Thread handler = new Thread(() -> handle(client), "recording-proxy-tunnel");
					handler.setDaemon(true);
					handler.start();
				}
				catch (IOException ex) {
					return;
				}
			}
		}

		private void handle(Socket client) {
			try {
				InputStream in = client.getInputStream();
				List<String> request = readHead(in);
				this.requests.add(request);
				String refusal = this.refusal;
				if (refusal != null) {
					client.getOutputStream()
						.write((refusal + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
					client.getOutputStream().flush();
					return;
				}
				String[] target = request.get(0).split(" ")[1].split(":");
				Socket upstream = new Socket(target[0], Integer.parseInt(target[1]));
				this.open.add(upstream);
				client.getOutputStream()
					.write("HTTP/1.1 200 Connection established\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
				Thread back = new Thread(() -> pipe(upstream, client), "recording-proxy-back");
				back.setDaemon(true);
				back.start();
				pipe(client, upstream);
			}
			catch (IOException | RuntimeException ex) {
				// The client went away.
			}
		}

		// Byte by byte up to the blank line, so that nothing after the head is consumed.
		private static List<String> readHead(InputStream in) throws IOException {
			List<String> lines = new ArrayList<>();
			StringBuilder line = new StringBuilder();
			int previous = -1;
			int current;
			while ((current = in.read()) != -1) {
				if (previous == '\r' && current == '\n') {
					line.setLength(line.length() - 1);
					if (line.isEmpty()) {
						return lines;
					}
					lines.add(line.toString());
					line.setLength(0);
				}
				else {
					line.append((char) current);
				}
				previous = current;
			}
			throw new IOException("Connection closed in the request head");
		}

		private static void pipe(Socket from, Socket to) {
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				in.transferTo(out);
			}
			catch (IOException ex) {
				// Either side closed.
			}
		}

		@Override
		public void close() throws IOException {
			this.socket.close();
			for (Socket open : this.open) {
				open.close();
			}
		}

	}

}
