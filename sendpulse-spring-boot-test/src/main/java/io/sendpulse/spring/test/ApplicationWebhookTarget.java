package io.sendpulse.spring.test;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import io.sendpulse.spring.autoconfigure.SendPulseProperties;
import io.sendpulse.spring.webhook.SendPulseEvent;
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
 * port ({@code local.server.port}, which Boot sets when its web server starts), under its
 * context path and Spring MVC's servlet path or WebFlux's base path: the endpoint of the
 * account whose API key made the call ({@code account = "eu"} for the key of
 * {@code sendpulse.accounts.eu.api-key}), as SendPulse posts each account's webhooks
 * where that account says, else the top-level account's endpoint. Resolved at each event,
 * as the port is only known after startup.
 */
final class ApplicationWebhookTarget implements Function<@Nullable String, @Nullable URI> {

	private static final Log logger = LogFactory.getLog(ApplicationWebhookTarget.class);

	private final @Nullable URI configured;

	private final Environment environment;

	private final ListableBeanFactory beanFactory;

	// The endpoints' paths by account, the top-level account's first; found once.
	private volatile @Nullable Map<String, String> endpointPaths;

	ApplicationWebhookTarget(@Nullable URI configured, Environment environment, ListableBeanFactory beanFactory) {
		this.configured = configured;
		this.environment = environment;
		this.beanFactory = beanFactory;
	}

	/**
	 * Where the webhooks of the account with the given key go.
	 * @param apiKey the key of the account whose message, call or verification the event
	 * is about, or {@code null} for none
	 * @return the URL, or {@code null} when there is nowhere to post yet
	 */
	@Override
	public @Nullable URI apply(@Nullable String apiKey) {
		if (this.configured != null) {
			return this.configured;
		}
		Integer port = this.environment.getProperty("local.server.port", Integer.class);
		String path = endpointPath(apiKey);
		if (port == null || port <= 0 || path == null) {
			return null;
		}
		return URI.create("http://" + host() + ":" + port + contextPath() + servletPath() + path);
	}

	private @Nullable String endpointPath(@Nullable String apiKey) {
		Map<String, String> paths = this.endpointPaths;
		if (paths == null) {
			paths = findEndpointPaths();
			this.endpointPaths = paths;
		}
		if (apiKey != null) {
			for (Map.Entry<String, String> endpoint : paths.entrySet()) {
				String account = endpoint.getKey();
				if (!SendPulseEvent.DEFAULT_ACCOUNT.equals(account) && apiKey.equals(keyOf(account))) {
					return endpoint.getValue();
				}
			}
		}
		String path = paths.get(SendPulseEvent.DEFAULT_ACCOUNT);
		// Without a top-level endpoint, the first: where the sandbox posted before it
		// knew of accounts.
		return (path != null) ? path : paths.values().stream().findFirst().orElse(null);
	}

	// As the starter bound it, whatever form the property took.
	private @Nullable String keyOf(String account) {
		SendPulseProperties properties = this.beanFactory.getBeanProvider(SendPulseProperties.class).getIfAvailable();
		SendPulseProperties.Account settings = (properties != null) ? properties.getAccounts().get(account) : null;
		String key = (settings != null) ? settings.getApiKey() : null;
		return (key != null) ? key.strip() : null;
	}

	private Map<String, String> findEndpointPaths() {
		Map<String, String> paths = new LinkedHashMap<>();
		for (String name : this.beanFactory.getBeanNamesForAnnotation(SendPulseWebhook.class)) {
			SendPulseWebhook webhook = this.beanFactory.findAnnotationOnBean(name, SendPulseWebhook.class);
			String path = (webhook != null) ? (StringUtils.hasText(webhook.path()) ? webhook.path() : webhook.value())
					: null;
			if (webhook == null || !StringUtils.hasText(path)) {
				continue;
			}
			String account = webhook.account();
			String normalized = path.startsWith("/") ? path : "/" + path;
			String first = paths.putIfAbsent(account, normalized);
			if (first != null && !first.equals(normalized)) {
				logger.info("The SendPulse sandbox posts the webhooks of account '" + account + "' to " + first
						+ ", not to " + normalized + " of bean '" + name + "'; set sendpulse.sandbox.webhook-url or a "
						+ "callback_url to choose another");
			}
		}
		return paths;
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
		return normalized(path);
	}

	// Spring MVC's DispatcherServlet serves the endpoint under its own path; the
	// property means nothing to a WebFlux application that shares the configuration.
	private String servletPath() {
		return this.beanFactory.containsBean("dispatcherServlet")
				? normalized(this.environment.getProperty("spring.mvc.servlet.path")) : "";
	}

	private static String normalized(@Nullable String path) {
		if (!StringUtils.hasText(path) || "/".equals(path)) {
			return "";
		}
		path = path.startsWith("/") ? path : "/" + path;
		return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
	}

}
