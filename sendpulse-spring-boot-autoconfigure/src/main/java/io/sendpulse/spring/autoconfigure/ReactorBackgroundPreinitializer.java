package io.sendpulse.spring.autoconfigure;

import org.springframework.boot.autoconfigure.preinitialize.BackgroundPreinitializer;
import org.springframework.core.ReactiveAdapterRegistry;
import org.springframework.util.ClassUtils;

/**
 * Makes Spring's reactive adapters on Spring Boot's background pre-initialization thread,
 * as Boot's Jackson module makes a mapper there. Spring MVC makes them as it starts when
 * Reactor is on the class path, which the starter puts there: that loads and verifies
 * about 280 of Reactor's classes, about 0.1 s of a Spring MVC application's cold start
 * (benchmark B6), on the main thread unless they are ready. Off with Boot's own switch,
 * {@code -Dspring.backgroundpreinitializer.ignore=true}.
 */
final class ReactorBackgroundPreinitializer implements BackgroundPreinitializer {

	private static final String DISPATCHER_SERVLET = "org.springframework.web.servlet.DispatcherServlet";

	@Override
	public void preinitialize() {
		// Other applications need them only at the client's first call.
		if (ClassUtils.isPresent(DISPATCHER_SERVLET, getClass().getClassLoader())) {
			ReactiveAdapterRegistry.getSharedInstance();
		}
	}

}
