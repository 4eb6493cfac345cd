package io.sendpulse.spring.test;

import java.net.URI;

import io.sendpulse.spring.autoconfigure.SendPulseConnectionDetails;
import io.sendpulse.spring.sms.SmsTemplate;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sandbox never starts in an application that did not ask for it, even with
 * {@code sendpulse-spring-boot-test} on the classpath.
 */
@SpringBootTest(properties = "sendpulse.api-key=live-key")
class SandboxNotRequestedTests {

	@Autowired
	private ApplicationContext context;

	@Test
	void startsNoSandboxAndKeepsTheRealApi() {
		assertThat(this.context.getBeansOfType(SendPulseSandbox.class)).isEmpty();
		assertThat(this.context.getBeansOfType(SmsTemplate.class)).hasSize(1);
		SendPulseConnectionDetails connection = this.context.getBean(SendPulseConnectionDetails.class);
		assertThat(connection.baseUrl()).isEqualTo(URI.create("https://api.sendpulse.io"));
		assertThat(connection.apiKey()).isEqualTo("live-key");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class TestApplication {

	}

}
