package io.sendpulse.spring.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

/**
 * The three ways the client gets its connector, for tests that must hold on each: what
 * the application's class path decides.
 */
enum Connector {

	/**
	 * The application has Boot's {@code spring-boot-http-client} (and
	 * {@code spring-boot-webclient}): Boot's {@code ClientHttpConnectorBuilder}.
	 */
	BOOT {
		@Override
		ApplicationContextRunner apply(ApplicationContextRunner runner) {
			return runner.withConfiguration(
					AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class, WebClientAutoConfiguration.class));
		}
	},

	/** Only the starter: the Reactor Netty connector it builds itself. */
	REACTOR_NETTY {
		@Override
		ApplicationContextRunner apply(ApplicationContextRunner runner) {
			return runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.http.client",
					"org.springframework.boot.webclient"));
		}
	},

	/** The starter with Reactor Netty excluded: the JDK's HttpClient. */
	JDK {
		@Override
		ApplicationContextRunner apply(ApplicationContextRunner runner) {
			return runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.http.client",
					"org.springframework.boot.webclient", "reactor.netty"));
		}
	};

	abstract ApplicationContextRunner apply(ApplicationContextRunner runner);

}
