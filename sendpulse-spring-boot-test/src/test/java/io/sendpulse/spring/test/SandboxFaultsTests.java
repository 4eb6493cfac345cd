package io.sendpulse.spring.test;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The sandbox's scripted faults: answers, delays and resets before a call is handled, and
 * a call handled in full whose answer is lost. Over real HTTP with a plain JDK client.
 */
class SandboxFaultsTests extends SandboxWireTestSupport {

	@Test
	void answersTheScriptedStatusForTheNextCallsThenAnswersNormally() {
		this.sandbox.faults().nextCalls(2).respondWith(503);
		Wire.Response first = this.wire.post("/v1/sms/send", SMS);
		assertThat(first.status()).isEqualTo(503);
		assertThat(first.text("/error/code")).isEqualTo("service_unavailable");
		assertThat(this.wire.post("/v1/sms/send", SMS).status()).isEqualTo(503);
		assertThat(this.wire.post("/v1/sms/send", SMS).status()).isEqualTo(200);
		assertThat(this.sandbox.sentMessages()).hasSize(1);
	}

	@Test
	void appliesFaultsBeforeTheApiKeyAndIdempotency() {
		this.wire.post("/v1/sms/send", SMS, "key-1");
		this.sandbox.faults().nextCalls(1).respondWith(502);
		assertThat(this.wire.post("/v1/sms/send", SMS, "key-1").status()).isEqualTo(502);
		this.sandbox.faults().nextCalls(1).respondWith(500);
		assertThat(this.wire.postWithAuthorization("/v1/sms/send", SMS, "Bearer wrong").status()).isEqualTo(500);
	}

	@Test
	void namesEveryScriptedErrorInSnakeCase() {
		this.sandbox.faults().nextCalls(1).respondWith(403);
		assertThat(this.wire.post("/v1/sms/send", SMS).text("/error/code")).isEqualTo("forbidden");
		this.sandbox.faults().nextCalls(1).respondWith(418);
		assertThat(this.wire.post("/v1/sms/send", SMS).text("/error/code")).isEqualTo("client_error_418");
		this.sandbox.faults().nextCalls(1).respondWith(500);
		assertThat(this.wire.post("/v1/sms/send", SMS).text("/error/code")).isEqualTo("internal_error");
		this.sandbox.faults().nextCalls(1).respondWith(504);
		assertThat(this.wire.post("/v1/sms/send", SMS).text("/error/code")).isEqualTo("gateway_timeout");
		this.sandbox.faults().nextCalls(1).respondWith(404);
		assertThat(this.wire.post("/v1/sms/send", SMS).text("/error/code")).isEqualTo("not_found");
	}

	@Test
	void answersAScripted429WithItsRetryAfter() {
		this.sandbox.faults().nextCalls(1).respondWith(429, Duration.ofSeconds(7));
		Wire.Response response = this.wire.post("/v1/sms/send", SMS);
		assertThat(response.status()).isEqualTo(429);
		assertThat(response.retryAfter()).isEqualTo("7");
		assertThat(response.text("/error/code")).isEqualTo("rate_limited");
	}

	@Test
	void delaysTheNextCallAndThenAnswersIt() {
		this.sandbox.faults().nextCalls(1).delay(Duration.ofMillis(300));
		long start = System.nanoTime();
		assertThat(this.wire.post("/v1/sms/send", SMS).status()).isEqualTo(200);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
		assertThat(this.sandbox.faults().pending()).isZero();
	}

	@Test
	void handlesADelayedCallAsItArrivesThoughTheClientGivesUpBeforeTheAnswer() {
		this.sandbox.faults().nextCalls(1).delay(Duration.ofSeconds(30));
		HttpRequest request = this.wire.request("/v1/sms/send", "Bearer " + this.sandbox.apiKey())
			.timeout(Duration.ofMillis(300))
			.POST(HttpRequest.BodyPublishers.ofString(SMS))
			.build();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.wire.raw(request));
		// A slow API acts whether or not anybody waits for its answer.
		assertThat(this.sandbox.sentMessages()).hasSize(1);
	}

	@Test
	void resetsTheConnectionOfTheNextCall() {
		this.sandbox.faults().nextCalls(1).resetConnection();
		HttpRequest request = this.wire.request("/v1/sms/send", "Bearer " + this.sandbox.apiKey())
			.POST(HttpRequest.BodyPublishers.ofString(SMS))
			.build();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.wire.raw(request));
		assertThat(this.sandbox.sentMessages()).isEmpty();
		assertThat(this.wire.post("/v1/sms/send", SMS).status()).isEqualTo(200);
	}

	@Test
	void processesTheNextCallThenResetsItsConnectionAndReplaysItsAnswerToTheRetry() {
		this.sandbox.faults().nextCalls(1).processThenResetConnection();
		HttpRequest request = this.wire.request("/v1/sms/send", "Bearer " + this.sandbox.apiKey())
			.header("Idempotency-Key", "key-1")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(SMS))
			.build();
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> this.wire.raw(request));
		assertThat(this.sandbox.sentMessages()).hasSize(1);
		Wire.Response retry = this.wire.post("/v1/sms/send", SMS, "key-1");
		assertThat(retry.status()).isEqualTo(200);
		assertThat(retry.replayed()).isTrue();
		assertThat(retry.text("/id")).isEqualTo(this.sandbox.sentMessages().get(0).id());
		assertThat(this.sandbox.sentMessages()).hasSize(1);
		assertThat(this.sandbox.balance()).isEqualByComparingTo("99.9925");
	}

}
