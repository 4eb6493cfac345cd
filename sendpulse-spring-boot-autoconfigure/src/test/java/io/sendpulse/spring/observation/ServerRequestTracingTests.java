package io.sendpulse.spring.observation;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import brave.handler.MutableSpan;
import io.sendpulse.spring.TemplateContexts;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Where users stand: a Spring MVC application on Tomcat, traced with Brave through
 * Micrometer's handlers as the actuator sets them up, sends from a controller. The send's
 * span is a child of the request's, and each HTTP attempt (the retry, on another thread,
 * too) a child of the send's, though the request's span is current on the thread where
 * the first attempt starts.
 */
class ServerRequestTracingTests {

	@StartStop
	private final MockWebServer api = new MockWebServer();

	@Test
	void aSendFromAControllerIsTracedUnderTheRequestWithEachAttemptUnderTheSend() throws Exception {
		this.api.enqueue(new MockResponse.Builder().code(503).build());
		this.api.enqueue(TemplateContexts.queued());
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Shop.class)
			.web(WebApplicationType.SERVLET)
			.properties("server.port=0", "spring.main.banner-mode=off", "sendpulse.api-key=sk-test",
					"sendpulse.base-url=" + this.api.url("/"), "sendpulse.retry.initial-backoff=10ms",
					"spring.reactor.netty.shutdown-quiet-period=20ms")
			.run()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			HttpResponse<String> response = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/orders"))
					.POST(HttpRequest.BodyPublishers.noBody())
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);

			BraveTracing tracing = context.getBean(BraveTracing.class);
			// The server's span ends once its answer is written, maybe after we read it.
			await().atMost(Duration.ofSeconds(10)).until(() -> tracing.named("/orders").isPresent());
			List<MutableSpan> spans = tracing.finished();
			MutableSpan request = tracing.named("/orders").orElseThrow();
			MutableSpan send = tracing.named("sms.send").orElseThrow();
			List<MutableSpan> attempts = spans.stream().filter((span) -> "http post".equals(span.name())).toList();

			assertThat(send.traceId()).isEqualTo(request.traceId());
			assertThat(send.parentId()).isEqualTo(request.id());
			assertThat(attempts).hasSize(2).allSatisfy((attempt) -> {
				assertThat(attempt.traceId()).isEqualTo(request.traceId());
				assertThat(attempt.parentId()).as("the attempt's parent").isEqualTo(send.id());
			});
			assertThat(this.api.getRequestCount()).isEqualTo(2);
		}
	}

	// Spring Security is on this module's test class path; the shop has none.
	@SpringBootConfiguration
	@EnableAutoConfiguration(
			excludeName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
					"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
					"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
					"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration" })
	@Import(BraveTracing.class)
	static class Shop {

		@Bean
		Orders orders(SmsTemplate sms) {
			return new Orders(sms);
		}

	}

	@RestController
	static class Orders {

		private final SmsTemplate sms;

		Orders(SmsTemplate sms) {
			this.sms = sms;
		}

		@PostMapping("/orders")
		String order() {
			return this.sms.send(SmsRequest.builder().to("+14155550123").from("Acme").text("Shipped").build()).id();
		}

	}

}
