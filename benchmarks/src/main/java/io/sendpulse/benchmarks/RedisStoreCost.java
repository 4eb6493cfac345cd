package io.sendpulse.benchmarks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.Unpooled;
import io.sendpulse.spring.sms.SmsTemplate;
import io.sendpulse.spring.webhook.SendPulseEvent;
import io.sendpulse.spring.webhook.SendPulseWebhook;
import io.sendpulse.spring.webhook.WebhookSigner;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;
import redis.embedded.RedisServer;
import redis.embedded.core.ExecutableProvider;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

/**
 * B8: what {@code sendpulse.store=redis} costs against the default memory store on the
 * same work (sends at 64 in flight under a limit that never binds, with p50 and p99
 * latency; webhook ingestion at 32 in flight), and four instances sharing a limit of
 * 500/s through one Redis: the busiest sliding window and the rate achieved. Redis is a
 * real {@code redis-server} on loopback: the one on the PATH, else the binary inside the
 * embedded-redis jar.
 */
final class RedisStoreCost {

	private static final String SECRET = "bench-secret";

	/** Far above what 64 callers reach in a period: the limiter never makes one wait. */
	private static final String NEVER_BINDS = "sendpulse.rate-limit.limit-for-period=100000";

	private static final int FLEET_LIMIT = 500;

	private static final AtomicLong sequence = new AtomicLong();

	private RedisStoreCost() {
	}

	static List<Result> run(Settings settings) {
		int warmups = settings.smoke() ? 1 : 3;
		int rounds = settings.smoke() ? 1 : 7;
		int requests = settings.smoke() ? 200 : 10_000;
		try (BenchRedis redis = new BenchRedis(); LoadServer server = new LoadServer()) {
			List<Result> results = new ArrayList<>();
			results.add(sends(redis, server, warmups, rounds, requests));
			results.add(webhooks(redis, warmups, rounds, requests));
			results.add(fleet(redis, server, settings.smoke() ? 2 : 4,
					settings.smoke() ? Duration.ofSeconds(2) : Duration.ofSeconds(20)));
			return results;
		}
	}

	private static Result sends(BenchRedis redis, LoadServer server, int warmups, int rounds, int requests) {
		try (ClientBench memory = new ClientBench(server, NEVER_BINDS);
				ClientBench shared = new ClientBench(server, NEVER_BINDS, "sendpulse.store=redis",
						"spring.data.redis.url=" + redis.url())) {
			Latencies memoryRun = new Latencies(warmups);
			Latencies redisRun = new Latencies(warmups);
			Rounds measured = Rounds.alternate(warmups, rounds, () -> redisRun.send(shared.sms(), requests),
					() -> memoryRun.send(memory.sms(), requests));
			double median = Rounds.median(measured.ratios());
			return new Result("B8", "send, 64 in flight, limit never binds, Redis store vs memory store",
					String.format("%.3f of memory (%.0f vs %.0f req/s); p50/p99 %.1f/%.1f ms vs %.1f/%.1f ms", median,
							Rounds.median(measured.candidate()), Rounds.median(measured.baseline()),
							redisRun.percentile(50), redisRun.percentile(99), memoryRun.percentile(50),
							memoryRun.percentile(99)),
					String.format("%.3f-%.3f", Rounds.min(measured.ratios()), Rounds.max(measured.ratios())),
					"reported", true);
		}
	}

	private static Result webhooks(BenchRedis redis, int warmups, int rounds, int requests) {
		LoopResources loops = LoopResources.create("bench-b8-load", 1, true);
		try (ConfigurableApplicationContext memory = webhookApplication();
				ConfigurableApplicationContext shared = webhookApplication("sendpulse.store=redis",
						"spring.data.redis.url=" + redis.url())) {
			HttpClient client = HttpClient.create(ConnectionProvider.builder("bench-b8").maxConnections(64).build())
				.runOn(loops)
				.headers((headers) -> headers.set("Content-Type", "application/json"));
			WebhookSigner signer = new WebhookSigner(SECRET);
			Rounds measured = Rounds.alternate(warmups, rounds, () -> deliver(client, port(shared), signer, requests),
					() -> deliver(client, port(memory), signer, requests));
			double median = Rounds.median(measured.ratios());
			return new Result("B8", "webhook ingestion, 32 in flight, WebFlux, Redis store vs memory store",
					String.format("%.3f of memory (%.0f vs %.0f req/s)", median, Rounds.median(measured.candidate()),
							Rounds.median(measured.baseline())),
					String.format("%.3f-%.3f", Rounds.min(measured.ratios()), Rounds.max(measured.ratios())),
					"reported", true);
		}
		finally {
			loops.disposeLater().block();
		}
	}

	private static Result fleet(BenchRedis redis, LoadServer server, int instances, Duration duration) {
		List<ClientBench> fleet = new ArrayList<>();
		try {
			for (int i = 0; i < instances; i++) {
				fleet.add(new ClientBench(server, "sendpulse.store=redis", "spring.data.redis.url=" + redis.url(),
						"sendpulse.api-key=bench-fleet-key", "sendpulse.rate-limit.limit-for-period=" + FLEET_LIMIT,
						"sendpulse.rate-limit.timeout=30s", "sendpulse.retry.enabled=false"));
			}
			// Connections opened and scripts loaded before the clock starts.
			Flux.fromIterable(fleet).flatMap((bench) -> bench.sms().reactive().send(ClientBench.REQUEST)).blockLast();
			server.record();
			long start = System.nanoTime();
			Flux.fromIterable(fleet)
				.flatMap((bench) -> Flux.range(0, Integer.MAX_VALUE)
					.flatMap(
							(i) -> bench.sms().reactive().send(ClientBench.REQUEST).onErrorResume((ex) -> Mono.empty()),
							64))
				.take(duration)
				.blockLast(duration.plusMinutes(1));
			double seconds = (System.nanoTime() - start) / 1e9;
			long[] arrivals = server.arrivals();
			int busiest = RateFidelity.busiestWindow(arrivals, Duration.ofSeconds(1).toNanos());
			double achieved = RateFidelity.achievedRate(arrivals, FLEET_LIMIT);
			boolean met = busiest <= FLEET_LIMIT && achieved >= 0.9 * FLEET_LIMIT;
			return new Result("B8",
					"fleet: " + instances + " instances, " + (64 * instances) + " callers, one Redis, shared limit "
							+ FLEET_LIMIT + "/s, " + (duration.toMillis() / 1000.0) + " s",
					String.format("busiest 1-s window %d; %.1f/s achieved (%.1f%% of the limit)", busiest, achieved,
							100 * achieved / FLEET_LIMIT),
					String.format("%d requests in %.1f s", arrivals.length, seconds),
					"window ≤ " + FLEET_LIMIT + ", rate ≥ 90% of it", met);
		}
		finally {
			fleet.forEach(ClientBench::close);
		}
	}

	private static ConfigurableApplicationContext webhookApplication(String... properties) {
		List<String> all = new ArrayList<>(List.of("server.port=0", "server.address=127.0.0.1",
				"spring.main.banner-mode=off", "logging.level.root=warn", "sendpulse.webhook.secret=" + SECRET));
		all.addAll(List.of(properties));
		return new SpringApplicationBuilder(WebhookApplication.class).web(WebApplicationType.REACTIVE)
			.logStartupInfo(false)
			.properties(all.toArray(String[]::new))
			.run();
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/** Deliveries per second, each a distinct signed event, 32 in flight. */
	private static double deliver(HttpClient client, int port, WebhookSigner signer, int requests) {
		List<byte[]> bodies = new ArrayList<>(requests);
		List<String> signatures = new ArrayList<>(requests);
		Instant now = Instant.now();
		for (int i = 0; i < requests; i++) {
			byte[] body = ("{\"event\":\"sms.delivered\",\"message_id\":\"msg_b8_" + sequence.incrementAndGet()
					+ "\",\"to\":\"+14155550123\",\"status\":\"delivered\",\"timestamp\":\"" + now + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			bodies.add(body);
			signatures.add(signer.sign(body));
		}
		String uri = "http://127.0.0.1:" + port + "/webhooks/sendpulse";
		long start = System.nanoTime();
		Long ok = Flux.range(0, requests)
			.flatMap((i) -> client.headers((headers) -> headers.set(WebhookSigner.SIGNATURE_HEADER, signatures.get(i)))
				.post()
				.uri(uri)
				.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(bodies.get(i))))
				.responseSingle((response, body) -> body.then(Mono.just(response.status().code())))
				.filter((status) -> status == 200), 32)
			.count()
			.block(Duration.ofMinutes(5));
		double perSecond = ok / ((System.nanoTime() - start) / 1e9);
		if (ok != requests) {
			throw new IllegalStateException("answered 200 to " + ok + " of " + requests + " deliveries");
		}
		return perSecond;
	}

	/** The latency of every send of the measured rounds, and each round's rate. */
	private static final class Latencies {

		private final int warmups;

		private long[] nanos = new long[0];

		private int rounds;

		Latencies(int warmups) {
			this.warmups = warmups;
		}

		double send(SmsTemplate sms, int requests) {
			long[] round = new long[requests];
			AtomicLong index = new AtomicLong();
			long start = System.nanoTime();
			Flux.range(0, requests).flatMap((i) -> Mono.defer(() -> {
				long sent = System.nanoTime();
				return sms.reactive()
					.send(ClientBench.REQUEST)
					.doOnNext((message) -> round[(int) index.getAndIncrement()] = System.nanoTime() - sent);
			}), 64).blockLast(Duration.ofMinutes(5));
			double perSecond = requests / ((System.nanoTime() - start) / 1e9);
			// Rounds runs each side's warm-ups before any measured round.
			if (++this.rounds > this.warmups) {
				this.nanos = concat(this.nanos, round);
			}
			return perSecond;
		}

		double percentile(int percentile) {
			long[] sorted = this.nanos.clone();
			Arrays.sort(sorted);
			if (sorted.length == 0) {
				return Double.NaN;
			}
			int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
			return sorted[Math.max(index, 0)] / 1e6;
		}

		private static long[] concat(long[] first, long[] second) {
			long[] both = Arrays.copyOf(first, first.length + second.length);
			System.arraycopy(second, 0, both, first.length, second.length);
			return both;
		}

	}

	/** The application's listener: counts, as a real one would do a little work. */
	@SendPulseWebhook("/webhooks/sendpulse")
	static class Receiver {

		private final AtomicLong received = new AtomicLong();

		@EventListener
		void on(SendPulseEvent event) {
			this.received.incrementAndGet();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Receiver.class)
	static class WebhookApplication {

	}

	/**
	 * A real Redis on a free loopback port, nothing persisted.
	 */
	static final class BenchRedis implements AutoCloseable {

		private final int port;

		private final RedisServer server;

		private final String binary;

		BenchRedis() {
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				this.port = socket.getLocalPort();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			File onPath = onPath();
			this.binary = (onPath != null) ? onPath.getPath() : "embedded-redis 1.4.3 jar (Redis 6.2)";
			try {
				this.server = RedisServer.newRedisServer()
					.executableProvider((onPath != null) ? () -> onPath : ExecutableProvider.newJarResourceProvider())
					.bind("127.0.0.1")
					.port(this.port)
					.setting("save \"\"")
					.setting("appendonly no")
					.build();
				this.server.start();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			System.out.println("B8: redis-server from " + this.binary);
		}

		String url() {
			return "redis://127.0.0.1:" + this.port;
		}

		private static File onPath() {
			String path = System.getenv("PATH");
			if (path != null) {
				for (String directory : path.split(File.pathSeparator)) {
					File candidate = new File(directory, "redis-server");
					if (candidate.canExecute()) {
						return candidate;
					}
				}
			}
			return null;
		}

		@Override
		public void close() {
			try {
				this.server.stop();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
