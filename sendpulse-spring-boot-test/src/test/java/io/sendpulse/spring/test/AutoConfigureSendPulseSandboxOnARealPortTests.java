package io.sendpulse.spring.test;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.sendpulse.spring.sms.SmsMessage;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import io.sendpulse.spring.webhook.SendPulseWebhook;
import io.sendpulse.spring.webhook.WebhookSigner;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * In a test on a real port, the sandbox posts signed webhooks to the application's own
 * {@link SendPulseWebhook @SendPulseWebhook} endpoint, under the application's context
 * path and the DispatcherServlet's path.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "server.servlet.context-path=/app", "spring.mvc.servlet.path=/api", "sendpulse.sms.from=MyApp",
				"sendpulse.webhook.secret=" + AutoConfigureSendPulseSandboxOnARealPortTests.SECRET })
@AutoConfigureSendPulseSandbox
class AutoConfigureSendPulseSandboxOnARealPortTests {

	static final String SECRET = "whsec-real-port";

	@Autowired
	private SmsTemplate sms;

	@Autowired
	private ReceivingFilter receiving;

	@Test
	void postsSignedWebhooksToTheApplicationsEndpoint() {
		SmsMessage message = this.sms.send(SmsRequest.builder().to("+14155550123").text("Hello").build());
		await().atMost(Duration.ofSeconds(10)).until(() -> this.receiving.received.size() == 2);
		assertThat(this.receiving.received).allSatisfy((received) -> {
			assertThat(received.path()).isEqualTo("/app/api/webhooks/sendpulse");
			assertThat(received.signature()).isEqualTo(new WebhookSigner(SECRET).sign(received.body()));
			assertThat(JsonMapper.builder().build().readTree(received.body()).get("message_id").asString())
				.isEqualTo(message.id());
		});
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ DeliveryReceipts.class, ReceivingFilter.class })
	static class TestApplication {

	}

	@SendPulseWebhook("/webhooks/sendpulse")
	static class DeliveryReceipts {

	}

	/**
	 * Receives the webhooks in front of whatever serves the endpoint: what is tested here
	 * is where the sandbox posts and what it signs, not the endpoint.
	 */
	static class ReceivingFilter implements Filter {

		final List<Received> received = new CopyOnWriteArrayList<>();

		@Override
		public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
				throws IOException, ServletException {
			HttpServletRequest http = (HttpServletRequest) request;
			if ("POST".equals(http.getMethod()) && http.getRequestURI().endsWith("/webhooks/sendpulse")) {
				this.received.add(new Received(http.getRequestURI(), http.getHeader(WebhookSigner.SIGNATURE_HEADER),
						http.getInputStream().readAllBytes()));
				((HttpServletResponse) response).setStatus(200);
				return;
			}
			chain.doFilter(request, response);
		}

	}

	record Received(String path, String signature, byte[] body) {

	}

}
