package io.sendpulse.spring.autoconfigure;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReactorBackgroundPreinitializer}: Spring Boot runs it on its
 * background pre-initialization thread while the application starts.
 */
class ReactorBackgroundPreinitializerTests {

	@Test
	void isOneOfBootsBackgroundPreinitializers() {
		assertThat(SpringFactoriesLoader.forDefaultResourceLocation().load(BackgroundPreinitializer.class))
			.hasAtLeastOneElementOfType(ReactorBackgroundPreinitializer.class);
	}

	@Test
	void makesSpringsReactiveAdaptersForReactorInASpringMvcApplication() {
		new ReactorBackgroundPreinitializer().preinitialize();

		ReactiveAdapterRegistry registry = ReactiveAdapterRegistry.getSharedInstance();
		assertThat(registry.getAdapter(Mono.class)).isNotNull();
		assertThat(registry.getAdapter(Flux.class)).isNotNull();
	}

}
