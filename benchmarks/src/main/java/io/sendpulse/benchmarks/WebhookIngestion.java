package io.sendpulse.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.netty.buffer.Unpooled;
import io.sendpulse.spring.webhook.SendPulseEvent;
import io.sendpulse.spring.webhook.SendPulseWebhook;
import io.sendpulse.spring.webhook.WebhookSigner;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import reactor.netty.resources.LoopResources;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * B4: signed webhook deliveries over HTTP, 32 in flight, against a bare endpoint on the
 * same server that only reads the body and answers 200; on Tomcat (MVC) and Reactor Netty
 * (WebFlux, in both listener modes). With WebFlux listeners that may block, also against
 * a bare endpoint that hands each delivery to Reactor's {@code boundedElastic} and back,
 * as Reactor has blocking work done: a hop like the one those listeners make (to the
 * starter's own threads, as many as {@code boundedElastic} has), which the first bare
 * endpoint does not make. B4-blocking: the same with a listener that blocks for
 * {@value #BLOCKING_MILLIS} ms, as one calling a blocking API does, against a bare
 * endpoint doing the same work the way its stack has it done: on Tomcat's request thread,
 * and on Reactor's {@code boundedElastic} for WebFlux.
 */
final class WebhookIngestion {

	private static final String SECRET = "bench-secret";

	private static final AtomicLong sequence = new AtomicLong();

	static final long BLOCKING_MILLIS = 20;

	/**
	 * What the listener and the bare endpoints do for each delivery: nothing, or block.
	 */
	private static volatile long work;

	private WebhookIngestion() {
	}

	static List<Result> run(Settings settings) {
		List<Result> results = new ArrayList<>();
		results.addAll(run(settings, WebApplicationType.SERVLET, MvcApplication.class, "MVC (Tomcat)", true));
		// Both listener modes: the default (listeners may block, off the event loop) and
		// listeners that never block, on the event loop.
		results.addAll(run(settings, WebApplicationType.REACTIVE, WebFluxApplication.class,
				"WebFlux (Reactor Netty), blocking listeners", true));
		results.addAll(run(settings, WebApplicationType.REACTIVE, WebFluxApplication.class,
				"WebFlux (Reactor Netty), event-loop listeners", false));
		// A listener that blocks, with the default listener mode. A twentieth of the
		// deliveries a round: each takes 20 ms of a thread.
		Settings blocking = new Settings(settings.smoke(), Math.min(settings.warmups(), 2),
				Math.min(settings.rounds(), 5), Math.max(settings.requests() / 20, 50), settings.fidelityLimit(),
				settings.fidelityDuration(), settings.bulkRecipients(), settings.bulkLimit());
		work = BLOCKING_MILLIS;
		try {
			results.addAll(run(blocking, WebApplicationType.SERVLET, MvcApplication.class,
					"MVC (Tomcat), listener blocking " + BLOCKING_MILLIS + " ms", true));
			results.addAll(run(blocking, WebApplicationType.REACTIVE, WebFluxApplication.class,
					"WebFlux (Reactor Netty), listener blocking " + BLOCKING_MILLIS + " ms", true));
		}
		finally {
			work = 0;
		}
		return results;
	}

	private static List<Result> run(Settings settings, WebApplicationType type, Class<?> application, String stack,
			boolean blockingListeners) {
		LoopResources loops = LoopResources.create("bench-load", 1, true);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application).web(type)
			.logStartupInfo(false)
			.properties("server.port=0", "spring.main.banner-mode=off", "logging.level.root=warn",
					"sendpulse.webhook.secret=" + SECRET, "sendpulse.webhook.blocking-listeners=" + blockingListeners)
			.run()) {
			int port = ((WebServerApplicationContext) context).getWebServer().getPort();
			// Bare Reactor Netty, not WebClient, so that the load generator costs little
			// next to
			// the endpoint it measures.
			HttpClient client = HttpClient.create(ConnectionProvider.builder("bench-load").maxConnections(64).build())
				.runOn(loops)
				.baseUrl("http://127.0.0.1:" + port)
				.headers((headers) -> headers.set("Content-Type", "application/json"));
			WebhookSigner signer = new WebhookSigner(SECRET);
			String id = (work > 0) ? "B4-blocking" : "B4";
			String what = "webhook ingestion, 32 in flight, " + stack + ", vs bare endpoint";
			if (work == 0 && type == WebApplicationType.REACTIVE && blockingListeners) {
				double[][] sides = Rounds.rotate(settings.warmups(), settings.rounds(),
						() -> deliver(client, "/webhooks/sendpulse", signer, settings.requests()),
						() -> deliver(client, "/bare", signer, settings.requests()),
						() -> deliver(client, "/bare-handing-off", signer, settings.requests()));
				return List.of(ratio(id, what, new Rounds(sides[0], sides[1]), "bare", 0.80),
						ratio(id, what + " handing off to boundedElastic", new Rounds(sides[0], sides[2]),
								"bare handing off", 0));
			}
			Rounds rounds = Rounds.alternate(settings.warmups(), settings.rounds(),
					() -> deliver(client, "/webhooks/sendpulse", signer, settings.requests()),
					() -> deliver(client, "/bare", signer, settings.requests()));
			return List.of(ratio(id, what + ((work > 0) ? " doing the same work" : ""), rounds, "bare", 0.80));
		}
		finally {
			loops.disposeLater().block();
		}
	}

	/**
	 * The median of the rounds' ratios, against a target or, with none, reported.
	 */
	private static Result ratio(String id, String what, Rounds rounds, String of, double target) {
		double median = Rounds.median(rounds.ratios());
		return new Result(id, what,
				String.format("%.3f of %s (%.0f vs %.0f req/s)", median, of, Rounds.median(rounds.candidate()),
						Rounds.median(rounds.baseline())),
				String.format("%.3f-%.3f", Rounds.min(rounds.ratios()), Rounds.max(rounds.ratios())),
				(target > 0) ? String.format("≥ %.2f", target) : "reported", median >= target);
	}

	/**
	 * Requests per second delivering distinct signed events (prepared before the clock
	 * starts).
	 */
	private static double deliver(HttpClient client, String path, WebhookSigner signer, int requests) {
		List<byte[]> bodies = new ArrayList<>(requests);
		List<String> signatures = new ArrayList<>(requests);
		Instant now = Instant.now();
		for (int i = 0; i < requests; i++) {
			byte[] body = ("{\"event\":\"sms.delivered\",\"message_id\":\"msg_" + sequence.incrementAndGet()
					+ "\",\"to\":\"+14155550123\",\"status\":\"delivered\",\"timestamp\":\"" + now + "\"}")
				.getBytes(StandardCharsets.UTF_8);
			bodies.add(body);
			signatures.add(signer.sign(body));
		}
		long start = System.nanoTime();
		Long ok = Flux.range(0, requests)
			.flatMap((i) -> client.headers((headers) -> headers.set(WebhookSigner.SIGNATURE_HEADER, signatures.get(i)))
				.post()
				.uri(path)
				.send(Mono.fromSupplier(() -> Unpooled.wrappedBuffer(bodies.get(i))))
				.responseSingle((response, body) -> body.then(Mono.just(response.status().code())))
				.filter((status) -> status == 200), 32)
			.count()
			.block(Duration.ofMinutes(5));
		double perSecond = ok / ((System.nanoTime() - start) / 1e9);
		if (ok != requests) {
			throw new IllegalStateException(path + " answered 200 to " + ok + " of " + requests + " deliveries");
		}
		return perSecond;
	}

	/**
	 * A delivery's work: none, or blocking the thread as a call to a blocking API does.
	 */
	private static void work() {
		long millis = work;
		if (millis > 0) {
			try {
				Thread.sleep(millis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/** The application's listener: counts, and does the delivery's work. */
	@SendPulseWebhook("/webhooks/sendpulse")
	static class Receiver {

		private final AtomicLong received = new AtomicLong();

		@EventListener
		void on(SendPulseEvent event) {
			this.received.incrementAndGet();
			work();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import({ Receiver.class, BareMvcEndpoint.class })
	static class MvcApplication {

	}

	@RestController
	static class BareMvcEndpoint {

		@PostMapping("/bare")
		void bare(@RequestBody byte[] body) {
			work();
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@Import(Receiver.class)
	static class WebFluxApplication {

		@Bean
		RouterFunction<ServerResponse> bare() {
			return RouterFunctions.route()
				.POST("/bare",
						(work > 0) ? WebFluxApplication::handingOff
								: (request) -> request.bodyToMono(byte[].class).then(ServerResponse.ok().build()))
				.POST("/bare-handing-off", WebFluxApplication::handingOff)
				.build();
		}

		/** The delivery's work where Reactor has blocking work done. */
		private static Mono<ServerResponse> handingOff(ServerRequest request) {
			return request.bodyToMono(byte[].class)
				.flatMap((body) -> Mono.fromRunnable(WebhookIngestion::work).subscribeOn(Schedulers.boundedElastic()))
				.then(ServerResponse.ok().build());
		}

	}

}
