package io.sendpulse.spring.test;

import java.time.Duration;
import java.time.Instant;

import io.sendpulse.spring.verify.Channel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's {@code POST /v1/verify/start} and {@code /v1/verify/check}: codes, wrong
 * attempts and expiry. Over real HTTP with a plain JDK client.
 */
class SandboxVerificationTests extends SandboxWireTestSupport {

	@Test
	void startsAVerificationWithARealCodeThatChecksOnce() {
		Wire.Response started = this.wire.post("/v1/verify/start",
				"{\"to\":\"+14155550123\",\"channel\":\"voice\",\"code_length\":8,\"expiry\":60}");
		assertThat(started.status()).isEqualTo(200);
		assertThat(started.text("/request_id")).startsWith("vrf_");
		assertThat(started.text("/channel")).isEqualTo("voice");
		assertThat(started.text("/status")).isEqualTo("pending");
		assertThat(Instant.parse(started.text("/expires_at"))).isEqualTo(this.sandbox.now().plusSeconds(60));
		String code = this.sandbox.verificationCode("+14155550123");
		assertThat(code).hasSize(8).containsOnlyDigits();
		assertThat(this.sandbox.verifications()).singleElement()
			.satisfies((verification) -> assertThat(verification.channel()).isEqualTo(Channel.VOICE));
		String check = "{\"request_id\":\"" + started.text("/request_id") + "\",\"code\":\"" + code + "\"}";
		Wire.Response valid = this.wire.post("/v1/verify/check", check);
		assertThat(valid.json().get("valid").booleanValue()).isTrue();
		assertThat(valid.text("/request_id")).isEqualTo(started.text("/request_id"));
		assertThat(this.wire.post("/v1/verify/check", check).json().get("valid").booleanValue()).isFalse();
	}

	@Test
	void failsAVerificationAfterTooManyWrongCodes() {
		String requestId = this.wire.post("/v1/verify/start", "{\"to\":\"+14155550123\"}").text("/request_id");
		String code = this.sandbox.verificationCode("+14155550123");
		assertThat(code).hasSize(6);
		String wrong = code.equals("000000") ? "111111" : "000000";
		for (int i = 0; i < 3; i++) {
			assertThat(this.wire
				.post("/v1/verify/check", "{\"request_id\":\"" + requestId + "\",\"code\":\"" + wrong + "\"}")
				.json()
				.get("valid")
				.booleanValue()).isFalse();
		}
		Wire.Response right = this.wire.post("/v1/verify/check",
				"{\"request_id\":\"" + requestId + "\",\"code\":\"" + code + "\"}");
		assertThat(right.json().get("valid").booleanValue()).isFalse();
		assertThat(this.sandbox.verifications().get(0).wrongAttempts()).isEqualTo(3);
	}

	@Test
	void expiresAVerificationCodeOnItsClock() {
		String requestId = this.wire.post("/v1/verify/start", "{\"to\":\"+14155550123\",\"expiry\":120}")
			.text("/request_id");
		String check = "{\"request_id\":\"" + requestId + "\",\"code\":\""
				+ this.sandbox.verificationCode("+14155550123") + "\"}";
		this.sandbox.advance(Duration.ofSeconds(120));
		assertThat(this.wire.post("/v1/verify/check", check).json().get("valid").booleanValue()).isFalse();
	}

	@Test
	void resetTakesBackWhatAdvanceMovedTheClockBy() {
		this.sandbox.advance(Duration.ofHours(1));
		this.sandbox.reset();
		// A 5-minute code started now expires 5 minutes from now, not from an hour ahead.
		Instant expiresAt = Instant
			.parse(this.wire.post("/v1/verify/start", "{\"to\":\"+14155550123\",\"expiry\":300}").text("/expires_at"));
		assertThat(expiresAt).isBetween(Instant.now().plusSeconds(240), Instant.now().plusSeconds(301));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			value = { "code_length too short | {\"to\":\"+14155550123\",\"code_length\":3}     | code_length",
					"code_length too long  | {\"to\":\"+14155550123\",\"code_length\":9}     | code_length",
					"code_length a string  | {\"to\":\"+14155550123\",\"code_length\":\"6\"} | code_length",
					"expiry zero           | {\"to\":\"+14155550123\",\"expiry\":0}          | expiry",
					"unknown channel       | {\"to\":\"+14155550123\",\"channel\":\"fax\"}   | channel",
					"to missing            | {\"channel\":\"sms\"}                           | to" })
	void rejectsAnInvalidVerificationWith400NamingTheField(String rule, String body, String param) {
		Wire.Response response = this.wire.post("/v1/verify/start", body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("/error/param")).isEqualTo(param);
	}

	@Test
	void rejectsACheckWithoutACode() {
		Wire.Response response = this.wire.post("/v1/verify/check", "{\"request_id\":\"vrf_1\"}");
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("/error/param")).isEqualTo("code");
	}

}
