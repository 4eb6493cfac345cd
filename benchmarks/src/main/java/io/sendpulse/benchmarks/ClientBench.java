package io.sendpulse.benchmarks;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.sendpulse.spring.autoconfigure.SendPulseWebClientCustomizer;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The starter's {@link SmsTemplate} and a raw {@link WebClient} doing the same POST with
 * the same JSON, both from one Spring context and over one connector, against a
 * {@link LoadServer}.
 */
final class ClientBench implements AutoCloseable {

	/** The request every client benchmark sends. */
	static final SmsRequest REQUEST = SmsRequest.builder()
		.to("+14155550123")
		.from("Bench")
		.text("Your order has shipped")
		.build();

	private static final RawRequest RAW_REQUEST = new RawRequest("+14155550123", "Bench", "Your order has shipped");

	/**
	 * Requests the starter has in flight, counted by a filter when
	 * {@code bench.count-in-flight} is set.
	 */
	static final AtomicInteger IN_FLIGHT = new AtomicInteger();

	static final AtomicInteger MOST_IN_FLIGHT = new AtomicInteger();

	/**
	 * Round trips of the starter's requests (from the request leaving to its response),
	 * summed by a filter when {@code bench.measure-round-trips} is set.
	 */
	static final AtomicLong ROUND_TRIP_NANOS = new AtomicLong();

	static final AtomicLong ROUND_TRIPS = new AtomicLong();

	private final ConfigurableApplicationContext context;

	private final SmsTemplate sms;

	private final WebClient raw;

	ClientBench(LoadServer server, String... properties) {
		List<String> all = new ArrayList<>(
				List.of("sendpulse.api-key=bench-key", "sendpulse.base-url=" + server.baseUrl(),
						"sendpulse.sms.from=Bench", "spring.main.banner-mode=off", "logging.level.root=warn"));
		all.addAll(List.of(properties));
		this.context = new SpringApplicationBuilder(Application.class).web(WebApplicationType.NONE)
			.logStartupInfo(false)
			.properties(all.toArray(String[]::new))
			.run();
		this.sms = this.context.getBean(SmsTemplate.class);
		this.raw = WebClient.builder()
			.clientConnector(this.context.getBean(ReactorClientHttpConnector.class))
			.baseUrl(server.baseUrl().toString())
			.defaultHeaders((headers) -> headers.setBearerAuth("bench-key"))
			.build();
	}

	SmsTemplate sms() {
		return this.sms;
	}

	/** Requests per second with {@code inFlight} reactive calls outstanding. */
	double reactive(boolean starter, int requests, int inFlight) {
		long start = System.nanoTime();
		Long done = Flux.range(0, requests)
			.flatMap((i) -> starter ? this.sms.reactive().send(REQUEST) : rawSend(), inFlight)
			.count()
			.block(Duration.ofMinutes(5));
		return perSecond(done, start);
	}

	/** Requests per second from {@code threads} threads each blocking on its call. */
	double blocking(boolean starter, int requests, int threads) {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			int each = requests / threads;
			long start = System.nanoTime();
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				futures.add(executor.submit(() -> {
					for (int i = 0; i < each; i++) {
						if (starter) {
							this.sms.send(REQUEST);
						}
						else {
							rawSend().block();
						}
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get();
			}
			return perSecond((long) each * threads, start);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			executor.shutdownNow();
		}
	}

	private Mono<RawMessage> rawSend() {
		return this.raw.post().uri("/v1/sms/send").bodyValue(RAW_REQUEST).retrieve().bodyToMono(RawMessage.class);
	}

	private static double perSecond(long count, long startNanos) {
		return count / ((System.nanoTime() - startNanos) / 1e9);
	}

	@Override
	public void close() {
		this.context.close();
	}

	record RawRequest(String to, String from, String text) {
	}

	record RawMessage(String id, String to, String status, int segments, BigDecimal cost) {
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class Application {

		// One connector with room for every caller, shared by the starter and the raw
		// client.
		@Bean
		ReactorClientHttpConnector benchConnector() {
			return new ReactorClientHttpConnector(
					HttpClient.create(ConnectionProvider.builder("bench").maxConnections(512).build()));
		}

		// Not where the starter is measured as users get it (B1, B2): there it builds its
		// own connector, with its timeouts.
		@Bean
		@ConditionalOnBooleanProperty(name = "bench.own-connector", matchIfMissing = true)
		SendPulseWebClientCustomizer benchConnectorCustomizer(ReactorClientHttpConnector benchConnector) {
			return (builder) -> builder.clientConnector(benchConnector);
		}

		// Only where asked for (B1, B2 observed): what Boot's actuator sets up, a meter
		// registry and an observation registry that times each observation with it.
		@Bean
		@ConditionalOnBooleanProperty("bench.observations")
		SimpleMeterRegistry benchMeterRegistry() {
			return new SimpleMeterRegistry();
		}

		@Bean
		@ConditionalOnBooleanProperty("bench.observations")
		ObservationRegistry benchObservationRegistry(MeterRegistry meterRegistry) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
			return registry;
		}

		// Only where asked for (B7): counting costs a little on every request.
		@Bean
		@ConditionalOnBooleanProperty("bench.count-in-flight")
		SendPulseWebClientCustomizer inFlightCounter() {
			return (builder) -> builder.filter((request, next) -> Mono.defer(() -> {
				MOST_IN_FLIGHT.accumulateAndGet(IN_FLIGHT.incrementAndGet(), Math::max);
				return next.exchange(request).doFinally((signal) -> IN_FLIGHT.decrementAndGet());
			}));
		}

		// Only where asked for (B3): the round trip the rate limit's design pays.
		@Bean
		@ConditionalOnBooleanProperty("bench.measure-round-trips")
		SendPulseWebClientCustomizer roundTripTimer() {
			return (builder) -> builder.filter((request, next) -> Mono.defer(() -> {
				long start = System.nanoTime();
				return next.exchange(request).doOnNext((response) -> {
					ROUND_TRIP_NANOS.addAndGet(System.nanoTime() - start);
					ROUND_TRIPS.incrementAndGet();
				});
			}));
		}

	}

}
