package io.sendpulse.spring.test;

import java.math.BigDecimal;
import java.net.http.HttpRequest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The sandbox's API keys: 401 without one, 402 when a key's balance is spent, 429 above a
 * key's rate, and each key seeing only its own traffic. Over real HTTP with a plain JDK
 * client.
 */
class SandboxAccountsTests extends SandboxWireTestSupport {

	@Test
	void answers401WithoutTheApiKey() {
		Wire.Response response = this.wire.postWithAuthorization("/v1/sms/send", SMS, "");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.text("/error/code")).isEqualTo("unauthorized");
		assertThat(this.sandbox.sentMessages()).isEmpty();
	}

	@Test
	void answers401ForAWrongApiKeyWithoutEchoingIt() {
		Wire.Response response = this.wire.postWithAuthorization("/v1/sms/send", SMS, "Bearer not-the-key");
		assertThat(response.status()).isEqualTo(401);
		assertThat(response.body()).doesNotContain("not-the-key").doesNotContain(this.sandbox.apiKey());
		assertThat(this.wire.get("/v1/sms/msg_0000000000000000").status()).isEqualTo(404);
	}

	@Test
	void answers404ForUnknownIdsAndPaths() {
		Wire.Response message = this.wire.get("/v1/sms/msg_0123456789abcdef");
		assertThat(message.status()).isEqualTo(404);
		assertThat(message.text("/error/code")).isEqualTo("not_found");
		Wire.Response check = this.wire.post("/v1/verify/check", "{\"request_id\":\"vrf_nope\",\"code\":\"123456\"}");
		assertThat(check.status()).isEqualTo(404);
		assertThat(check.text("/error/param")).isEqualTo("request_id");
		assertThat(this.wire.post("/v1/fax/send", SMS).status()).isEqualTo(404);
	}

	@Test
	void answers402OnceTheBalanceIsSpent() {
		restart(SendPulseSandbox.builder().rateLimit(0).balance(new BigDecimal("0.0200")));
		assertThat(this.wire.post("/v1/sms/send", SMS).status()).isEqualTo(200);
		assertThat(this.wire.post("/v1/sms/send", SMS).status()).isEqualTo(200);
		Wire.Response refused = this.wire.post("/v1/sms/send", SMS);
		assertThat(refused.status()).isEqualTo(402);
		assertThat(refused.text("/error/code")).isEqualTo("insufficient_balance");
		assertThat(this.sandbox.sentMessages()).hasSize(2);
		assertThat(this.sandbox.balance()).isEqualByComparingTo("0.0050");
	}

	@Test
	void answers429WithRetryAfterAboveTheRate() {
		restart(SendPulseSandbox.builder().rateLimit(3));
		int limited = 0;
		Wire.Response last = null;
		for (int i = 0; i < 8; i++) {
			Wire.Response response = this.wire.post("/v1/sms/send", SMS);
			if (response.status() == 429) {
				limited++;
				last = response;
			}
		}
		// At most two one-second windows pass during eight local calls, so at most six
		// pass.
		assertThat(limited).isGreaterThanOrEqualTo(2);
		assertThat(last.retryAfter()).isEqualTo("1");
		assertThat(last.text("/error/code")).isEqualTo("rate_limited");
		assertThat(this.sandbox.sentMessages()).hasSize(8 - limited);
	}

	@Test
	void keepsABalanceForEachApiKey() {
		restart(SendPulseSandbox.builder().rateLimit(0).additionalAccount("second-key", new BigDecimal("0.0075"), 0));
		assertThat(this.sandbox.apiKeys()).containsExactly("sandbox-key", "second-key");
		assertThat(postAs("second-key", SMS).status()).isEqualTo(200);
		Wire.Response refused = postAs("second-key", SMS);
		assertThat(refused.status()).isEqualTo(402);
		assertThat(refused.text("/error/code")).isEqualTo("insufficient_balance");
		assertThat(this.wire.post("/v1/sms/send", SMS).status()).isEqualTo(200);
		assertThat(this.sandbox.balance("second-key")).isZero();
		assertThat(this.sandbox.balance()).isEqualByComparingTo("99.9925");
		this.sandbox.setBalance("second-key", BigDecimal.ONE);
		assertThat(postAs("second-key", SMS).status()).isEqualTo(200);
		this.sandbox.reset();
		assertThat(this.sandbox.balance("second-key")).isEqualByComparingTo("0.0075");
	}

	@Test
	void keepsARateWindowForEachApiKey() {
		restart(SendPulseSandbox.builder().rateLimit(0).additionalAccount("second-key", BigDecimal.TEN, 1));
		int limited = 0;
		for (int i = 0; i < 3; i++) {
			limited += (postAs("second-key", SMS).status() == 429) ? 1 : 0;
		}
		// At most two one-second windows pass during three local calls.
		assertThat(limited).isPositive();
		for (int i = 0; i < 5; i++) {
			assertThat(this.wire.post("/v1/sms/send", SMS).status()).isEqualTo(200);
		}
	}

	@Test
	void showsEachApiKeyOnlyItsOwnMessagesAndIdempotencyKeys() {
		restart(SendPulseSandbox.builder().rateLimit(0).additionalAccount("second-key", BigDecimal.TEN, 0));
		Wire.Response first = this.wire.post("/v1/sms/send", SMS, "key-1");
		Wire.Response second = this.wire.send(this.wire.request("/v1/sms/send", "Bearer second-key")
			.header("Idempotency-Key", "key-1")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(SMS)));
		assertThat(second.replayed()).isFalse();
		assertThat(second.text("/id")).isNotEqualTo(first.text("/id"));
		assertThat(this.sandbox.sentMessages()).hasSize(2);
		assertThat(this.wire.get("/v1/sms/" + first.text("/id")).status()).isEqualTo(200);
		assertThat(
				this.wire.send(this.wire.request("/v1/sms/" + first.text("/id"), "Bearer second-key").GET()).status())
			.isEqualTo(404);
	}

	@Test
	void listsTheMessagesSentWithEachApiKey() {
		restart(SendPulseSandbox.builder().rateLimit(0).additionalAccount("second-key", BigDecimal.TEN, 0));
		String first = this.wire.post("/v1/sms/send", SMS).text("/id");
		String second = postAs("second-key", SMS).text("/id");
		assertThat(this.sandbox.sentMessages(this.sandbox.apiKey())).extracting(SentMessage::id).containsExactly(first);
		assertThat(this.sandbox.sentMessages("second-key")).extracting(SentMessage::id).containsExactly(second);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.sandbox.sentMessages("third-key"))
			.withMessageNotContaining("third-key");
	}

	@Test
	void refusesAnApiKeyItWasNotGiven() {
		restart(SendPulseSandbox.builder().additionalAccount("second-key", BigDecimal.TEN, 0));
		assertThat(postAs("third-key", SMS).status()).isEqualTo(401);
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> SendPulseSandbox.builder().additionalAccount("sandbox-key", BigDecimal.TEN, 0).build());
	}

	Wire.Response postAs(String apiKey, String body) {
		return this.wire.postWithAuthorization("/v1/sms/send", body, "Bearer " + apiKey);
	}

	@Test
	void neverShowsTheApiKeyOrFullNumbersInToString() {
		this.wire.post("/v1/sms/send", SMS);
		this.wire.post("/v1/verify/start", "{\"to\":\"+14155550123\"}");
		assertThat(this.sandbox.toString()).doesNotContain(this.sandbox.apiKey());
		assertThat(this.sandbox.sentMessages().get(0).toString()).doesNotContain("4155550123").doesNotContain("Hello");
		assertThat(this.sandbox.verifications().get(0).toString()).doesNotContain("4155550123")
			.doesNotContain(this.sandbox.verificationCode("+14155550123"));
	}

}
