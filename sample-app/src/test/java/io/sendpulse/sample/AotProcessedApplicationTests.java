package io.sendpulse.sample;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.sendpulse.spring.test.SendPulseSandbox;
import io.sendpulse.spring.test.SentMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample app as the build AOT-processed it (the {@code aot} profile of its pom,
 * processed with no API key), started on the JVM with {@code -Dspring.aot.enabled=true}
 * and the key given only at run time through the environment, sends an SMS to a sandbox:
 * the templates exist although the key was unknown at build time.
 */
class AotProcessedApplicationTests {

	private static final Pattern PORT = Pattern.compile("started on port (\\d+)");

	// Generous: a loaded CI machine starts a JVM slowly.
	private static final Duration STARTUP = Duration.ofSeconds(90);

	private final List<String> output = new CopyOnWriteArrayList<>();

	private final SendPulseSandbox sandbox = SendPulseSandbox.builder().build().start();

	private Process application;

	@AfterEach
	void stop() throws InterruptedException {
		if (this.application != null) {
			this.application.destroy();
			this.application.waitFor();
		}
		this.sandbox.close();
	}

	@Test
	void sendsAnSmsWithTheApiKeyGivenOnlyAtRunTime() throws Exception {
		assertThat(ClassUtils.isPresent(SampleApplication.class.getName() + "__ApplicationContextInitializer",
				getClass().getClassLoader()))
			.as("the build AOT-processes sample-app (pom profile aot)")
			.isTrue();
		this.application = start();
		int port = await().atMost(STARTUP).until(this::port, Optional::isPresent).orElseThrow();
		assertThat(this.output).anyMatch((line) -> line.contains("Starting AOT-processed SampleApplication"));

		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/notifications"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"to\":\"+14155550123\",\"text\":\"Built ahead of time\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
		assertThat(this.sandbox.sentMessages()).extracting(SentMessage::text).containsExactly("Built ahead of time");
	}

	private Process start() throws IOException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		ProcessBuilder builder = new ProcessBuilder(java, "-cp", classPath(), "-Dspring.aot.enabled=true",
				SampleApplication.class.getName(), "--server.port=0")
			.redirectErrorStream(true);
		// What a deployment does: the key and the API's address in the environment.
		builder.environment().put("SENDPULSE_APIKEY", this.sandbox.apiKey());
		builder.environment().put("SENDPULSE_BASEURL", this.sandbox.baseUrl().toString());
		// As processed (application.yml's default turns the in-app sandbox on): an
		// application processed without it refuses to start with it asked for.
		builder.environment().put("SENDPULSE_SANDBOX_ENABLED", "false");
		Process process = builder.start();
		Thread reader = new Thread(() -> drain(process), "aot-app-output");
		reader.setDaemon(true);
		reader.start();
		return process;
	}

	private void drain(Process process) {
		try (BufferedReader lines = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			lines.lines().forEach(this.output::add);
		}
		catch (IOException ex) {
			// The process ended.
		}
	}

	private Optional<Integer> port() {
		assertThat(this.application.isAlive()).as(() -> String.join("\n", this.output)).isTrue();
		return this.output.stream()
			.map(PORT::matcher)
			.filter(Matcher::find)
			.map((matcher) -> Integer.parseInt(matcher.group(1)))
			.findFirst();
	}

	// Surefire runs the tests from a manifest-only jar; it names the real class path
	// here.
	private static String classPath() {
		return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
	}

}
