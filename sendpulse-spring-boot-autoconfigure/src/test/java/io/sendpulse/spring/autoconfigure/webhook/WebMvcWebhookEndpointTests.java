package io.sendpulse.spring.autoconfigure.webhook;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook suite on Spring MVC and Tomcat.
 */
@TestPropertySource(properties = "spring.main.web-application-type=servlet")
@Import(WebMvcWebhookEndpointTests.ApplicationMappings.class)
class WebMvcWebhookEndpointTests extends AbstractWebhookEndpointTests {

	@Autowired
	private WebServerApplicationContext context;

	@Autowired
	private ApplicationMappings applicationMappings;

	@Test
	void runsOnTomcat() {
		assertThat(this.context.getWebServer()).isInstanceOf(TomcatWebServer.class);
	}

	@Test
	void runsListenersThatBlockTogetherOnTomcatsRequestThreads() throws Exception {
		assertThat(listenersThatBlockTogether(16)).isEqualTo(16);
	}

	@Test
	void publishesToAListenerThatBlocksLikeATemplatesBlockingMethod() throws Exception {
		assertThat(statusOfADeliveryToABlockingListener()).isEqualTo(200);
	}

	@Test
	void servesItsPathsAheadOfTheApplicationsMappingsAndWithoutItsInterceptors() throws Exception {
		assertThat(statusOfADeliveryTo("/webhooks/sendpulse")).isEqualTo(200);
		assertThat(statusOfADeliveryTo("/webhooks/elsewhere")).isEqualTo(418);
		assertThat(this.applicationMappings.intercepted).contains("/webhooks/elsewhere")
			.doesNotContain("/webhooks/sendpulse");
	}

	/**
	 * What an application may have beside the endpoints: a controller of the same path
	 * and of another, and an interceptor of every request it serves.
	 */
	@TestConfiguration(proxyBeanMethods = false)
	static class ApplicationMappings implements WebMvcConfigurer {

		final List<String> intercepted = new CopyOnWriteArrayList<>();

		@Override
		public void addInterceptors(InterceptorRegistry registry) {
			registry.addInterceptor(new HandlerInterceptor() {

				@Override
				public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
					ApplicationMappings.this.intercepted.add(request.getRequestURI());
					return true;
				}

			});
		}

		@Bean
		CatchAll catchAll() {
			return new CatchAll();
		}

	}

	@RestController
	static class CatchAll {

		@PostMapping({ "/webhooks/sendpulse", "/webhooks/elsewhere" })
		ResponseEntity<Void> any() {
			return ResponseEntity.status(418).build();
		}

	}

}
