package io.sendpulse.spring.test;

import java.net.URI;
import java.util.function.Supplier;

import io.sendpulse.spring.webhook.SendPulseWebhook;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Where the sandbox posts webhooks in a Spring application:
 * {@code sendpulse.sandbox.webhook-url} when set, else the application's own
 * {@link SendPulseWebhook @SendPulseWebhook} endpoint, once the application listens on a
 * port ({@code local.server.port}, which Boot sets when its web server starts). Resolved
 * at each event, as the port is only known after startup.
 */
final class ApplicationWebhookTarget implements Supplier<@Nullable URI> {

	private static final Log logger = LogFactory.getLog(ApplicationWebhookTarget.class);

	private final @Nullable URI configured;

	private final Environment environment;

	private final ListableBeanFactory beanFactory;

	private volatile @Nullable String endpointPath;

	ApplicationWebhookTarget(@Nullable URI configured, Environment environment, ListableBeanFactory beanFactory) {
		this.configured = configured;
		this.environment = environment;
		this.beanFactory = beanFactory;
	}

	@Override
	public @Nullable URI get() {
		if (this.configured != null) {
			return this.configured;
		}
		Integer port = this.environment.getProperty("local.server.port", Integer.class);
		String path = endpointPath();
		if (port == null || port <= 0 || path == null) {
			return null;
		}
		return URI.create("http://" + host() + ":" + port + contextPath() + path);
	}

	private @Nullable String endpointPath() {
		String path = this.endpointPath;
		if (path == null) {
			path = findEndpointPath();
			this.endpointPath = path;
		}
		return StringUtils.hasLength(path) ? path : null;
	}

	// "" caches "no endpoint", so that the bean factory is searched once.
	private String findEndpointPath() {
		String[] names = this.beanFactory.getBeanNamesForAnnotation(SendPulseWebhook.class);
		for (String name : names) {
			SendPulseWebhook webhook = this.beanFactory.findAnnotationOnBean(name, SendPulseWebhook.class);
			String path = (webhook != null) ? (StringUtils.hasText(webhook.path()) ? webhook.path() : webhook.value())
					: null;
			if (StringUtils.hasText(path)) {
				if (names.length > 1) {
					logger.info("The SendPulse sandbox posts webhooks to the endpoint of bean '" + name + "' (" + path
							+ "); set sendpulse.sandbox.webhook-url to choose another");
				}
				return path.startsWith("/") ? path : "/" + path;
			}
		}
		return "";
	}

	private String host() {
		String address = this.environment.getProperty("server.address");
		if (!StringUtils.hasText(address) || "0.0.0.0".equals(address) || "::".equals(address)) {
			return "127.0.0.1";
		}
		return address.contains(":") ? "[" + address + "]" : address;
	}

	private String contextPath() {
		String path = this.environment.getProperty("server.servlet.context-path");
		if (!StringUtils.hasText(path)) {
			path = this.environment.getProperty("spring.webflux.base-path");
		}
		if (!StringUtils.hasText(path) || "/".equals(path)) {
			return "";
		}
		path = path.startsWith("/") ? path : "/" + path;
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

}
