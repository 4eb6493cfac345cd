package io.sendpulse.spring.test;

import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's {@code Idempotency-Key}: a repeated key replays the first answer and
 * sends nothing new, for 24 hours. Over real HTTP with a plain JDK client.
 */
class SandboxIdempotencyTests extends SandboxWireTestSupport {

	@Test
	void answersARepeatedIdempotencyKeyWithTheFirstResponseAndSendsNothingNew() {
		Wire.Response first = this.wire.post("/v1/sms/send", SMS, "key-1");
		Wire.Response again = this.wire.post("/v1/sms/send", SMS, "key-1");
		assertThat(again.status()).isEqualTo(200);
		assertThat(again.body()).isEqualTo(first.body());
		assertThat(again.replayed()).isTrue();
		assertThat(this.sandbox.sentMessages()).hasSize(1);
		assertThat(this.wire.post("/v1/sms/send", SMS, "key-2").text("/id")).isNotEqualTo(first.text("/id"));
		assertThat(this.sandbox.sentMessages()).hasSize(2);
	}

	@Test
	void sendsOnceForConcurrentRetriesOfOneKeyAndOnceForEachOtherKey() {
		HttpClient http = HttpClient.newHttpClient();
		List<CompletableFuture<HttpResponse<String>>> retries = new ArrayList<>();
		List<CompletableFuture<HttpResponse<String>>> others = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			retries.add(http.sendAsync(sms("same-key"), HttpResponse.BodyHandlers.ofString()));
			others.add(http.sendAsync(sms("key-" + i), HttpResponse.BodyHandlers.ofString()));
		}
		List<HttpResponse<String>> retried = retries.stream().map(CompletableFuture::join).toList();
		List<HttpResponse<String>> sent = others.stream().map(CompletableFuture::join).toList();
		assertThat(retried).allSatisfy((response) -> assertThat(response.statusCode()).isEqualTo(200));
		assertThat(retried.stream().map(HttpResponse::body).distinct()).hasSize(1);
		assertThat(sent).allSatisfy((response) -> assertThat(response.statusCode()).isEqualTo(200));
		assertThat(this.sandbox.sentMessages()).hasSize(41);
	}

	HttpRequest sms(String idempotencyKey) {
		return this.wire.request("/v1/sms/send", "Bearer " + this.sandbox.apiKey())
			.header("Idempotency-Key", idempotencyKey)
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(SMS))
			.build();
	}

	@Test
	void forgetsAnIdempotencyKeyAfter24Hours() {
		this.wire.post("/v1/sms/send", SMS, "key-1");
		this.sandbox.advance(Duration.ofHours(24).plusSeconds(1));
		assertThat(this.wire.post("/v1/sms/send", SMS, "key-1").replayed()).isFalse();
		assertThat(this.sandbox.sentMessages()).hasSize(2);
	}

	@Test
	void rejectsAnIdempotencyKeyReusedForAnotherBody() {
		this.wire.post("/v1/sms/send", SMS, "key-1");
		Wire.Response other = this.wire.post("/v1/sms/send", SMS.replace("Hello", "Bye"), "key-1");
		assertThat(other.status()).isEqualTo(400);
		assertThat(other.text("/error/param")).isEqualTo("Idempotency-Key");
		assertThat(this.sandbox.sentMessages()).hasSize(1);
	}

	@Test
	void doesNotStoreAFailedCallUnderItsIdempotencyKey() {
		this.sandbox.setBalance(BigDecimal.ZERO);
		assertThat(this.wire.post("/v1/sms/send", SMS, "key-1").status()).isEqualTo(402);
		this.sandbox.setBalance(BigDecimal.ONE);
		assertThat(this.wire.post("/v1/sms/send", SMS, "key-1").status()).isEqualTo(200);
	}

}
