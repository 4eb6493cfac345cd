package io.sendpulse.spring.test;

import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AutoConfigureSendPulseSandbox @AutoConfigureSendPulseSandbox} imports what it
 * needs itself, so it also works in a test whose configuration enables no
 * auto-configuration (as in a test slice such as {@code @WebMvcTest}).
 */
@SpringBootTest(properties = "sendpulse.sms.from=MyApp")
@AutoConfigureSendPulseSandbox
class AutoConfigureSendPulseSandboxWithoutAutoConfigurationTests {

	@Autowired
	private SmsTemplate sms;

	@Autowired
	private SendPulseSandbox sandbox;

	@Test
	void importsTheSandboxAndTheTemplates() {
		this.sms.send(SmsRequest.builder().to("+14155550123").text("Hello").build());
		assertThat(this.sandbox.sentMessages()).hasSize(1);
	}

	@Configuration(proxyBeanMethods = false)
	static class NoAutoConfiguration {

	}

}
