package io.sendpulse.spring.internal.ratelimit.redis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

/**
 * A real Redis server for tests, on a free loopback port: the {@code redis-server} on the
 * PATH when there is one, else the binary shipped in the embedded-redis jar. It can be
 * stopped and started again on the same port, to play an outage.
 */
public final class RedisTestServer implements AutoCloseable {

	private final int port;

	private final RedisServer server;

	/**
	 * Start a server.
	 */
	public RedisTestServer() {
		this.port = freePort();
		try {
			this.server = RedisServer.newRedisServer()
				.executableProvider(executable())
				.bind("127.0.0.1")
				.port(this.port)
				// Nothing written to the working directory, nothing kept across a
				// restart.
				.setting("save \"\"")
				.setting("appendonly no")
				.build();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		start();
	}

	/**
	 * Return the port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return the URL for {@code spring.data.redis.url}.
	 * @return the URL
	 */
	public String url() {
		return "redis://127.0.0.1:" + this.port;
	}

	/**
	 * Start the server (again), on the same port.
	 */
	public void start() {
		try {
			this.server.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Stop the server: its clients' connections drop.
	 */
	public void stop() {
		try {
			this.server.stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		if (this.server.isActive()) {
			stop();
		}
	}

	private static ExecutableProvider executable() {
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(File.pathSeparator)) {
				File candidate = new File(directory, "redis-server");
				if (candidate.canExecute()) {
					return () -> candidate;
				}
			}
		}
		return ExecutableProvider.newJarResourceProvider();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
