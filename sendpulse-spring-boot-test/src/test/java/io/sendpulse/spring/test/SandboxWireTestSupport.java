package io.sendpulse.spring.test;

import org.junit.jupiter.api.AfterEach;

/**
 * A sandbox on loopback whose clock only moves when a test advances it, with no rate
 * limit unless a test restarts it with one, and a plain JDK client to call it: its wire
 * behaviour is pinned without our client in between.
 */
abstract class SandboxWireTestSupport {

	static final String SMS = "{\"to\":\"+14155550123\",\"from\":\"MyApp\",\"text\":\"Hello\"}";

	SendPulseSandbox sandbox = start(SendPulseSandbox.builder().rateLimit(0));

	Wire wire = new Wire(this.sandbox);

	@AfterEach
	void stop() {
		this.sandbox.stop();
	}

	void restart(SendPulseSandbox.Builder builder) {
		this.sandbox.stop();
		this.sandbox = start(builder);
		this.wire = new Wire(this.sandbox);
	}

	private static SendPulseSandbox start(SendPulseSandbox.Builder builder) {
		return builder.autoAdvance(false).build().start();
	}

}
