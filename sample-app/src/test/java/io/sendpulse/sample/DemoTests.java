package io.sendpulse.sample;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code --demo} run, started as {@code main} starts it, but with the exit code
 * returned instead of exiting the JVM.
 */
@ExtendWith(OutputCaptureExtension.class)
class DemoTests {

	@Test
	void demoRunGoesThroughTheWholeLoopAndExitsZero(CapturedOutput output) {
		assertThat(runDemo("--sendpulse.sandbox.step-delay=20ms")).isZero();
		assertThat(output)
			.contains("[1/3] Send an SMS and wait for its delivery webhook", "OK: webhook sms.delivered arrived",
					"[2/3] Start a verification and check the code",
					"OK: the code is valid, and webhook verify.approved arrived", "[3/3] Place a call",
					"OK: webhook call.completed arrived", "the key the callee pressed was gathered",
					"Demo succeeded: 3 of 3 steps")
			.doesNotContain("+14155550123", "Demo FAILED", "pressed 1");
	}

	@Test
	void demoRunExitsNonZeroAtTheFirstStepThatFails(CapturedOutput output) {
		assertThat(runDemo("--sendpulse.sandbox.balance=0")).isNotZero();
		assertThat(output)
			.contains("Demo FAILED at step 1/3 (Send an SMS and wait for its delivery webhook): "
					+ "SendPulse answered 402 (insufficient_balance)")
			.doesNotContain("[2/3]", "Demo succeeded");
	}

	@Test
	void demoRunSaysItNeedsTheSandboxAndSendsNothingWithoutIt(CapturedOutput output) {
		// An API that cannot be reached: the demo must stop before it calls it.
		assertThat(runDemo("--sendpulse.sandbox.enabled=false", "--sendpulse.api-key=live-key",
				"--sendpulse.base-url=http://127.0.0.1:9"))
			.isNotZero();
		assertThat(output).contains("Demo FAILED: the demo needs the SendPulse sandbox")
			.doesNotContain("[1/3]", "live-key");
	}

	private int runDemo(String... settings) {
		String[] args = new String[settings.length + 1];
		args[0] = "--demo";
		System.arraycopy(settings, 0, args, 1, settings.length);
		ConfigurableApplicationContext context = SampleApplication.application(args).run(args);
		assertThat(context.getEnvironment().getProperty("local.server.port", Integer.class)).isNotEqualTo(8080);
		return SpringApplication.exit(context);
	}

}
