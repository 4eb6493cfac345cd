package io.sendpulse.spring.autoconfigure.webhook;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import io.sendpulse.spring.webhook.WebhookSigner;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook endpoint in an application with Spring Security's defaults: the webhook is
 * reached without login or CSRF token (its signature authenticates it), and every other
 * path stays as protected as before.
 */
@SpringBootTest(classes = WebhookSecurityTestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sendpulse.webhook.secret=" + AbstractWebhookSecurityTests.SECRET,
				"spring.security.user.name=admin",
				"spring.security.user.password=" + AbstractWebhookSecurityTests.PASSWORD })
abstract class AbstractWebhookSecurityTests {

	static final String SECRET = "whsec_current";

	static final String PASSWORD = "s3cret-Passw0rd";

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(10))
		.build();

	@LocalServerPort
	private int port;

	@Autowired
	private WebhookSecurityTestApplication.Receipts receipts;

	@BeforeEach
	void forgetEarlierEvents() {
		this.receipts.received.clear();
	}

	@Test
	void deliversASignedWebhookWithoutLoginOrCsrfToken() throws Exception {
		byte[] body = AbstractWebhookEndpointTests.sms(AbstractWebhookEndpointTests.messageId(), Instant.now());
		HttpResponse<String> response = send("POST", "/webhooks/sendpulse", body, new WebhookSigner(SECRET).sign(body),
				null);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(this.receipts.received).hasSize(1);
	}

	@Test
	void answersAnUnsignedWebhookItselfRatherThanAskingForALogin() throws Exception {
		byte[] body = AbstractWebhookEndpointTests.sms(AbstractWebhookEndpointTests.messageId(), Instant.now());
		HttpResponse<String> response = send("POST", "/webhooks/sendpulse", body, null, null);
		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.headers().firstValue("WWW-Authenticate")).isEmpty();
		byte[] notJson = "not json".getBytes(StandardCharsets.UTF_8);
		assertThat(send("POST", "/webhooks/sendpulse", notJson, new WebhookSigner(SECRET).sign(notJson), null)
			.statusCode()).isEqualTo(400);
		assertThat(this.receipts.received).isEmpty();
	}

	@Test
	void keepsOtherPathsBehindLogin() throws Exception {
		HttpResponse<String> anonymous = send("GET", "/orders", null, null, null);
		assertThat(anonymous.statusCode()).isEqualTo(401);
		HttpResponse<String> authenticated = send("GET", "/orders", null, null, basic("admin", PASSWORD));
		assertThat(authenticated.statusCode()).isEqualTo(200);
		assertThat(authenticated.body()).isEqualTo("orders");
	}

	@Test
	void keepsCsrfProtectionOnOtherPaths() throws Exception {
		HttpResponse<String> response = send("POST", "/orders", new byte[0], null, basic("admin", PASSWORD));
		// 403 for the missing token; on Spring MVC the error dispatch that follows ends
		// as 401.
		assertThat(response.statusCode()).isIn(401, 403);
		assertThat(response.body()).doesNotContain("ordered");
	}

	private HttpResponse<String> send(String method, String path, byte[] body, String signature, String authorization)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
			.timeout(Duration.ofSeconds(30))
			.header("Accept", "application/json")
			.method(method, (body != null) ? BodyPublishers.ofByteArray(body) : BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (signature != null) {
			request.header(WebhookSigner.SIGNATURE_HEADER, signature);
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return http.send(request.build(), BodyHandlers.ofString());
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
