package io.sendpulse.spring.autoconfigure;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.netty.http.client.HttpClient;

/**
 * What the starter's own Reactor Netty connector does otherwise than Reactor Netty's and
 * Boot's defaults, whichever builds it.
 * <ul>
 * <li>It does not ask for gzip. Boot's builder asks for it on every request
 * ({@code HttpClient.compress(true)}), but every answer of the API is one small JSON
 * object (under 300 bytes), which gzip would make no smaller while costing both sides
 * work: the header, the decompressor on every response, a few percent of the client's
 * throughput (benchmark B1). A connector supplied through a
 * {@link SendPulseWebClientCustomizer} is used as it is.</li>
 * <li>It makes its event loops and host name resolver, and loads its native transport, as
 * soon as it is built rather than at its first request. The connector is built on the
 * warm-up thread once the application is ready, so this spares most first calls that work
 * (about 80 ms of a first send, hand-timed); built by a first call instead, it does what
 * that call's request would have done anyway.</li>
 * <li>It closes a connection that has stayed in the pool unused for
 * {@code sendpulse.max-idle-time} ({@link IdleConnectionCloser}). Reactor Netty's pool
 * keeps idle connections for ever by default, and a NAT gateway or firewall that forgot
 * one drops what is sent on it without a word: a send there would wait the read timeout,
 * and a burst's worth of such connections could use up every attempt of the next call.
 * The pool is usually shared with the application's other clients, so its own
 * {@code maxIdleTime} is left alone: only the client's own connections are closed.</li>
 * </ul>
 * Only Reactor Netty's connector gets them; other connectors are left as they are.
 */
final class ReactorConnectorDefaults {

	private static final Log logger = LogFactory.getLog(ReactorConnectorDefaults.class);

	private ReactorConnectorDefaults() {
	}

	static HttpClient apply(HttpClient client, Duration maxIdleTime) {
		HttpClient uncompressed = client.compress(false).observe(new IdleConnectionCloser(maxIdleTime));
		// Subscribed, not blocked on: a first call may build the connector on an event
		// loop, where blocking is not allowed. The work is done as it subscribes.
		uncompressed.warmup()
			.subscribe(null, (ex) -> logger.debug("Could not warm up the SendPulse client's connector", ex));
		return uncompressed;
	}

}
