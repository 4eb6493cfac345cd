package io.sendpulse.spring;

import reactor.netty.resources.LoopResources;

/**
 * Event loops for the tests' Reactor Netty servers, apart from Reactor Netty's global
 * ones: every closing context disposes those (Spring's {@code ReactorResourceFactory}
 * does), which would stop a server that outlives the context, such as one shared by the
 * several applications of a fleet test. Daemon threads, left to end with the JVM.
 */
public final class TestServerLoops {

	/** The loops to run test servers on. */
	public static final LoopResources LOOPS = LoopResources.create("test-server", 2, true);

	private TestServerLoops() {
	}

}
