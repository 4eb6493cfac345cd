package io.sendpulse.spring.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A TCP proxy on loopback between the client and a test server that can turn its open
 * connections into black holes, as a NAT gateway or firewall that forgot them does: what
 * the client sends on one is swallowed, nothing comes back, and the connection is not
 * closed. It counts the connections the client opened and closed, and keeps the
 * {@code Idempotency-Key} of each request it swallowed.
 */
final class BlackHoleProxy implements AutoCloseable {

	private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("(?i)idempotency-key: *(\\S+)");

	private final ServerSocket server;

	private final int upstreamPort;

	private final List<Link> links = new CopyOnWriteArrayList<>();

	private final AtomicInteger closedByClient = new AtomicInteger();

	private final List<String> swallowedKeys = new CopyOnWriteArrayList<>();

	BlackHoleProxy(int upstreamPort) throws IOException {
		this.upstreamPort = upstreamPort;
		this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		daemon("black-hole-proxy", this::accept);
	}

	int port() {
		return this.server.getLocalPort();
	}

	/** Connections the client opened. */
	int opened() {
		return this.links.size();
	}

	/** Connections the client closed. */
	int closedByClient() {
		return this.closedByClient.get();
	}

	/** The {@code Idempotency-Key} of each request a black hole swallowed. */
	List<String> swallowedKeys() {
		return this.swallowedKeys;
	}

	/** Turn every connection open now into a black hole. */
	void blackHole() {
		this.links.forEach((link) -> link.blackHole = true);
	}

	private void accept() {
		while (!this.server.isClosed()) {
			try {
				Socket client = this.server.accept();
				Socket upstream = new Socket(InetAddress.getLoopbackAddress(), this.upstreamPort);
				Link link = new Link(client, upstream);
				this.links.add(link);
				daemon("black-hole-proxy-in", () -> link.forward(client, upstream, true));
				daemon("black-hole-proxy-out", () -> link.forward(upstream, client, false));
			}
			catch (IOException ex) {
				return;
			}
		}
	}

	@Override
	public void close() throws IOException {
		this.server.close();
		this.links.forEach(Link::close);
	}

	private static void daemon(String name, Runnable task) {
		Thread thread = new Thread(task, name);
		thread.setDaemon(true);
		thread.start();
	}

	private final class Link {

		private final Socket client;

		private final Socket upstream;

		private volatile boolean blackHole;

		Link(Socket client, Socket upstream) {
			this.client = client;
			this.upstream = upstream;
		}

		void forward(Socket from, Socket to, boolean fromClient) {
			byte[] buffer = new byte[8192];
			try {
				InputStream in = from.getInputStream();
				OutputStream out = to.getOutputStream();
				for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
					if (this.blackHole) {
						Matcher key = IDEMPOTENCY_KEY.matcher(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
						if (fromClient && key.find()) {
							BlackHoleProxy.this.swallowedKeys.add(key.group(1));
						}
						continue;
					}
					out.write(buffer, 0, read);
					out.flush();
				}
				if (fromClient) {
					BlackHoleProxy.this.closedByClient.incrementAndGet();
				}
			}
			catch (IOException ex) {
				// Closed on the other side.
			}
			close();
		}

		void close() {
			try {
				this.client.close();
				this.upstream.close();
			}
			catch (IOException ex) {
				// Closing anyway.
			}
		}

	}

}
