package io.sendpulse.spring.autoconfigure.webhook;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Serves the webhook paths just ahead of Spring Security's filter in a WebFlux
 * application. Reactive Spring Security has no way to exempt a path without replacing its
 * default chain (a {@code SecurityWebFilterChain} bean of ours would leave every other
 * path unprotected), so the webhook requests, authenticated by their signature, are
 * answered before it; every other request goes on through the chain untouched.
 */
final class WebFluxWebhookSecurityFilter implements WebFilter, Ordered {

	// Spring Security's WebFilterChainProxy is at -100 (WebFluxSecurityConfiguration).
	static final int ORDER = -101;

	private final SendPulseWebhookEndpoints endpoints;

	private final WebFluxWebhookHandler handler;

	WebFluxWebhookSecurityFilter(SendPulseWebhookEndpoints endpoints, WebFluxWebhookHandler handler) {
		this.endpoints = endpoints;
		this.handler = handler;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (this.endpoints.contains(exchange.getRequest().getPath().pathWithinApplication().value())) {
			return this.handler.serve(exchange);
		}
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

}
