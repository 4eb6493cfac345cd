package io.sendpulse.spring.internal.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import javax.net.ssl.SSLHandshakeException;

import io.netty.handler.proxy.HttpProxyHandler;
import io.netty.handler.proxy.ProxyConnectException;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.sendpulse.spring.ApiError;
import io.sendpulse.spring.SendPulseAuthenticationException;
import io.sendpulse.spring.SendPulseBadRequestException;
import io.sendpulse.spring.SendPulseException;
import io.sendpulse.spring.SendPulseInsufficientBalanceException;
import io.sendpulse.spring.SendPulseNotFoundException;
import io.sendpulse.spring.SendPulseRateLimitException;
import io.sendpulse.spring.SendPulseServerException;
import io.sendpulse.spring.internal.client.SendPulseClient.Timeout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The exception contract: each answer raises the exception of its kind, with its status,
 * and {@code isRetryable()} means one thing for all of them.
 */
class ExceptionContractTests {

	@ParameterizedTest
	@CsvSource({ "400, GET, SendPulseBadRequestException, false", "400, POST, SendPulseBadRequestException, false",
			"401, GET, SendPulseAuthenticationException, false", "403, POST, SendPulseAuthenticationException, false",
			"402, POST, SendPulseInsufficientBalanceException, false", "404, GET, SendPulseNotFoundException, false",
			"429, POST, SendPulseRateLimitException, true", "429, GET, SendPulseRateLimitException, true",
			"500, GET, SendPulseServerException, true", "500, POST, SendPulseServerException, false",
			"502, POST, SendPulseServerException, true", "503, POST, SendPulseServerException, true",
			"504, POST, SendPulseServerException, true", "501, GET, SendPulseServerException, false",
			"409, POST, SendPulseException, false", "422, POST, SendPulseException, false" })
	void eachAnswerRaisesTheExceptionOfItsKind(int status, String method, String type, boolean retryable) {
		SendPulseException ex = ApiErrors.toException(HttpMethod.valueOf(method), "/v1/sms/send", status, null,
				new ApiError("some_code", "Some message", null), 1);
		assertThat(ex.getClass().getSimpleName()).isEqualTo(type);
		assertThat(ex.getStatusCode()).isEqualTo(status);
		assertThat(ex.isRetryable()).isEqualTo(retryable);
		assertThat(ex.getErrorCode()).isEqualTo("some_code");
		assertThat(ex.getMessage()).contains(String.valueOf(status)).contains("Some message");
	}

	@Test
	void subclassesCannotBeBuiltWithAStatusOfAnotherKind() {
		assertThat(new SendPulseBadRequestException("bad", null, 1).getStatusCode()).isEqualTo(400);
		assertThat(new SendPulseInsufficientBalanceException("poor", null, 1).getStatusCode()).isEqualTo(402);
		assertThat(new SendPulseNotFoundException("gone", null, 1).getStatusCode()).isEqualTo(404);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SendPulseAuthenticationException("auth", 503, null, 1))
			.withMessageContaining("401 or 403")
			.withMessageContaining("503");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SendPulseServerException("server", 400, null, 1, false))
			.withMessageContaining("5xx");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new SendPulseRateLimitException("rate", 503, null, 1, Duration.ofSeconds(1)))
			.withMessageContaining("429 or 0");
	}

	@Test
	void aRefusalByTheClientsOwnLimiterIsNotRetriedButSaysWhenToTryAgain() {
		SendPulseRateLimitException refused = new SendPulseRateLimitException("nothing was sent", 0, null, 0,
				Duration.ofMillis(300));
		assertThat(refused.getStatusCode()).isZero();
		assertThat(refused.getAttempts()).isZero();
		assertThat(refused.isRetryable()).isFalse();
		assertThat(refused.getRetryAfter()).isEqualTo(Duration.ofMillis(300));
	}

	@Test
	void aConnectTimeoutIsToldApartFromAReadTimeout() {
		assertThat(SendPulseClient.timeout(request(new ConnectTimeoutException("connection timed out: /10.0.0.1"))))
			.isEqualTo(Timeout.CONNECT);
		assertThat(SendPulseClient.timeout(request(new HttpConnectTimeoutException("HTTP connect timed out"))))
			.isEqualTo(Timeout.CONNECT);
		assertThat(SendPulseClient.timeout(request(new SocketTimeoutException("Connect timed out"))))
			.isEqualTo(Timeout.CONNECT);
		assertThat(SendPulseClient.timeout(request(ReadTimeoutException.INSTANCE))).isEqualTo(Timeout.READ);
		assertThat(SendPulseClient.timeout(request(new HttpTimeoutException("request timed out"))))
			.isEqualTo(Timeout.READ);
		assertThat(SendPulseClient.timeout(request(new IOException("Connection reset by peer"))))
			.isEqualTo(Timeout.NONE);
	}

	@Test
	void aConnectionFailureSaysWhatHappenedWithoutTheAddress() {
		assertThat(SendPulseClient.failure(request(new ConnectException("Connection refused: /10.0.0.1:443"))))
			.isEqualTo("The connection could not be opened: refused, or the host unreachable (ConnectException)");
		assertThat(SendPulseClient.failure(request(new UnknownHostException("api.sendpulse.invalid"))))
			.isEqualTo("A host name did not resolve (UnknownHostException)");
		assertThat(SendPulseClient.failure(request(new SSLHandshakeException("PKIX path building failed"))))
			.isEqualTo("TLS failed (SSLHandshakeException)");
		assertThat(SendPulseClient.failure(request(new IOException("Connection reset by peer"))))
			.isEqualTo("The connection was reset or closed before a response (IOException)");
		assertThat(SendPulseClient.failure(request(new IllegalStateException("something else"))))
			.isEqualTo("Connection failed (IllegalStateException)");
	}

	@Test
	void aProxyThatOpenedNoTunnelIsNamedWithItsStatusWithoutTheAddresses() {
		assertThat(SendPulseClient.failure(request(new HttpProxyHandler.HttpProxyConnectException(
				"http, basic, proxy.corp.example/10.0.0.2:3128 => api.sendpulse.io:443, status: 407 Proxy Authentication Required",
				null))))
			.isEqualTo("The proxy did not open a tunnel to the API, answering 407 (HttpProxyConnectException)");
		assertThat(SendPulseClient.failure(request(new IOException("Tunnel failed, got: 403"))))
			.isEqualTo("The proxy did not open a tunnel to the API, answering 403 (IOException)");
		assertThat(SendPulseClient.failure(request(new ProxyConnectException(
				"http, none, proxy.corp.example/10.0.0.2:3128 => api.sendpulse.io:443, timeout"))))
			.isEqualTo("The proxy did not open a tunnel to the API (ProxyConnectException)");
	}

	private static WebClientRequestException request(Throwable cause) {
		return new WebClientRequestException(cause, HttpMethod.POST,
				java.net.URI.create("http://localhost/v1/sms/send"), new HttpHeaders());
	}

}
