package io.sendpulse.spring.test;

import java.net.http.HttpRequest;
import java.time.Duration;

import io.sendpulse.spring.voice.VoiceAction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox's {@code POST /v1/voice/call}: the call flow's rules, and the recordings
 * its webhooks point at. Over real HTTP with a plain JDK client.
 */
class SandboxCallTests extends SandboxWireTestSupport {

	@Test
	void placesACallWithItsActions() {
		Wire.Response response = this.wire.post("/v1/voice/call",
				"{\"to\":\"+14155550123\",\"from\":\"+14155550100\",\"timeout\":45,\"actions\":["
						+ "{\"type\":\"say\",\"text\":\"Press 1\",\"language\":\"en-US\"},"
						+ "{\"type\":\"gather\",\"num_digits\":1,\"timeout\":5,\"finish_on_key\":\"#\","
						+ "\"prompt\":{\"type\":\"play\",\"url\":\"https://example.com/a.mp3\"}},"
						+ "{\"type\":\"record\",\"max_length\":60,\"play_beep\":true}]}");
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.text("/id")).startsWith("call_");
		assertThat(response.text("/status")).isEqualTo("queued");
		assertThat(this.sandbox.calls()).singleElement().satisfies((call) -> {
			assertThat(call.timeout()).isEqualTo(Duration.ofSeconds(45));
			assertThat(call.actions()).hasSize(3);
			assertThat(call.actions().get(0)).isEqualTo(VoiceAction.say("Press 1").language("en-US"));
			assertThat(call.actions().get(1)).isInstanceOfSatisfying(VoiceAction.Gather.class,
					(gather) -> assertThat(gather.prompt()).isInstanceOf(VoiceAction.Play.class));
		});
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"no actions            | {\"to\":\"+14155550123\",\"from\":\"+14155550100\"}                                        | actions",
			"empty actions         | {\"to\":\"+14155550123\",\"from\":\"+14155550100\",\"actions\":[]}                         | actions",
			"unknown action        | {\"to\":\"+14155550123\",\"from\":\"+14155550100\",\"actions\":[{\"type\":\"dance\"}]}     | actions[0].type",
			"say without text      | {\"to\":\"+14155550123\",\"from\":\"+14155550100\",\"actions\":[{\"type\":\"say\"}]}       | actions[0].text",
			"gather digits too many| {\"to\":\"+14155550123\",\"from\":\"+14155550100\",\"actions\":[{\"type\":\"gather\",\"num_digits\":33}]} | actions[0].num_digits",
			"finish_on_key two keys| {\"to\":\"+14155550123\",\"from\":\"+14155550100\",\"actions\":[{\"type\":\"record\",\"finish_on_key\":\"##\"}]} | actions[0].finish_on_key",
			"timeout zero          | {\"to\":\"+14155550123\",\"from\":\"+14155550100\",\"timeout\":0,\"actions\":[{\"type\":\"say\",\"text\":\"Hi\"}]} | timeout",
			"timeout too long      | {\"to\":\"+14155550123\",\"from\":\"+14155550100\",\"timeout\":601,\"actions\":[{\"type\":\"say\",\"text\":\"Hi\"}]} | timeout",
			"callee not E.164      | {\"to\":\"4155550123\",\"from\":\"+14155550100\",\"actions\":[{\"type\":\"say\",\"text\":\"Hi\"}]} | to",
			"sender ID as caller   | {\"to\":\"+14155550123\",\"from\":\"MyShop\",\"actions\":[{\"type\":\"say\",\"text\":\"Hi\"}]} | from" })
	void rejectsAnInvalidCallWith400NamingTheField(String rule, String body, String param) {
		Wire.Response response = this.wire.post("/v1/voice/call", body);
		assertThat(response.status()).isEqualTo(400);
		assertThat(response.text("/error/param")).isEqualTo(param);
		assertThat(this.sandbox.calls()).isEmpty();
	}

	@Test
	void rejectsMoreThan100Actions() {
		String actions = "{\"type\":\"say\",\"text\":\"Hi\"},".repeat(101);
		Wire.Response response = this.wire.post("/v1/voice/call", "{\"to\":\"+14155550123\",\"from\":\"+14155550100\","
				+ "\"actions\":[" + actions.substring(0, actions.length() - 1) + "]}");
		assertThat(response.text("/error/param")).isEqualTo("actions");
	}

	@Test
	void servesTheRecordingsItsWebhooksPointAt() throws Exception {
		HttpRequest request = this.wire.request("/recordings/rec_0123456789abcdef.wav", "").GET().build();
		var response = this.wire.raw(request);
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("audio/wav");
		assertThat(response.body()).startsWith("RIFF");
	}

}
