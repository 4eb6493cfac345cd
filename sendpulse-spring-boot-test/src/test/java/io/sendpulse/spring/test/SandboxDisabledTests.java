package io.sendpulse.spring.test;

import io.sendpulse.spring.sms.SmsTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @AutoConfigureSendPulseSandbox(enabled = false)} starts no sandbox.
 */
@SpringBootTest
@AutoConfigureSendPulseSandbox(enabled = false)
class SandboxDisabledTests {

	@Autowired
	private ApplicationContext context;

	@Test
	void startsNoSandbox() {
		assertThat(this.context.getBeansOfType(SendPulseSandbox.class)).isEmpty();
		assertThat(this.context.getBeansOfType(SmsTemplate.class)).isEmpty();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
