package io.sendpulse.spring.internal.webhook.redis;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.sendpulse.spring.Arrivals;
import io.sendpulse.spring.QueuedApi;
import io.sendpulse.spring.internal.ratelimit.redis.RedisTestServer;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import io.sendpulse.spring.webhook.SendPulseWebhook;
import io.sendpulse.spring.webhook.SmsStatusEvent;
import io.sendpulse.spring.webhook.WebhookSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Three application instances (separate contexts, connections and web servers on
 * loopback: two on WebFlux, one on Spring MVC), each with a {@code @SendPulseWebhook}
 * endpoint and the rate-limited templates, sharing one API key, one webhook secret and
 * one real Redis server, as behind a load balancer.
 */
@TestInstance(Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisWebhookFleetTests {

	private static final String SECRET = "whsec_fleet";

	private static final String PATH = "/webhooks/sendpulse";

	private static final int LIMIT = 10;

	private static final Duration PERIOD = Duration.ofSeconds(1);

	private final RedisTestServer redis = new RedisTestServer();

	private final String apiKey = "sk-fleet-" + UUID.randomUUID();

	private final QueuedApi api = new QueuedApi(20);

	private final ConnectionProvider connections = ConnectionProvider.create("fleet", 256);

	private final HttpClient client = HttpClient.create(this.connections);

	private final WebhookSigner signer = new WebhookSigner(SECRET);

	private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

	@BeforeAll
	void startFleet() {
		for (String stack : List.of("reactive", "servlet", "reactive")) {
			this.instances.add(new SpringApplicationBuilder(Instance.class)
				.properties("spring.main.web-application-type=" + stack, "server.port=0", "server.address=127.0.0.1",
						"spring.main.banner-mode=off", "sendpulse.api-key=" + this.apiKey, "sendpulse.sms.from=MyShop",
						"sendpulse.store=redis", "sendpulse.retry.enabled=false",
						"sendpulse.base-url=" + this.api.baseUrl(), "sendpulse.rate-limit.limit-for-period=" + LIMIT,
						"sendpulse.rate-limit.refresh-period=" + PERIOD.toMillis() + "ms",
						"sendpulse.rate-limit.timeout=1s", "sendpulse.webhook.secret=" + SECRET,
						"spring.data.redis.url=" + this.redis.url(), "spring.data.redis.timeout=2s",
						"spring.reactor.netty.shutdown-quiet-period=20ms")
				.run());
		}
	}

	@AfterAll
	void stopFleet() {
		this.api.close();
		this.instances.forEach(ConfigurableApplicationContext::close);
		this.connections.disposeLater().block(Duration.ofSeconds(10));
		this.redis.close();
	}

	@Test
	@Order(1)
	void publishesEachOfManyDeliveriesSentToEveryInstanceAtOnceExactlyOnceInTotal() {
		List<String> ids = ids("once", 2000);
		List<Integer> answers = deliverToAll(ids);
		assertThat(answers).hasSize(3 * ids.size()).containsOnly(200);
		assertThat(publications(ids)).hasSize(ids.size()).allSatisfy((id, count) -> assertThat(count).isOne());
		// Every instance published its share: the copies elsewhere were answered without.
		assertThat(this.instances).allSatisfy((instance) -> assertThat(receipts(instance).published).isNotEmpty());
	}

	@Test
	@Order(2)
	void publishesTheRedeliveryOfAnEventWhoseListenerFailedOnAnotherInstance() {
		String id = "msg_failed_" + UUID.randomUUID();
		byte[] body = body(id);
		receipts(this.instances.get(0)).failOnce.add(id);
		assertThat(post(this.instances.get(0), body).block(Duration.ofSeconds(30))).isEqualTo(500);
		assertThat(post(this.instances.get(1), body).block(Duration.ofSeconds(30))).isEqualTo(200);
		assertThat(post(this.instances.get(2), body).block(Duration.ofSeconds(30))).isEqualTo(200);
		assertThat(publications(List.of(id))).containsExactly(Map.entry(id, 1L));
		assertThat(receipts(this.instances.get(1)).published).contains(id);
	}

	@Test
	@Order(3)
	void losesNoEventAndKeepsTheLimitWhileRedisIsDownForAWhileAndSharesAgainOnceItReturns() {
		List<SmsTemplate> fleet = this.instances.stream()
			.map((instance) -> instance.getBean(SmsTemplate.class))
			.toList();
		this.api.clearArrivals();
		// Five callers on each instance sending all along, a failure (no place, or no
		// store) only ending that send.
		Disposable sending = Flux.fromIterable(fleet)
			.flatMap((sms) -> Flux.range(0, Integer.MAX_VALUE)
				.flatMap((i) -> sms.reactive().send(request()).onErrorResume((ex) -> Mono.empty()), 5))
			.subscribe();
		try {
			List<String> before = ids("before", 300);
			assertThat(deliverToAll(before)).containsOnly(200);

			this.redis.stop();
			List<String> during = new ArrayList<>();
			try {
				// Until every instance's store and limiter have met the outage.
				await().atMost(Duration.ofSeconds(30)).until(() -> {
					List<String> batch = ids("during", 100);
					during.addAll(batch);
					deliverToAll(batch);
					return this.instances.stream()
						.allMatch((instance) -> instance.getBean(RedisDeliveryStore.class).unreachable() != null);
				});
			}
			finally {
				this.redis.start();
			}
			// Back to one memory: a new delivery sent to all is published once.
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				List<String> probe = ids("probe", 10);
				deliverToAll(probe);
				assertThat(publications(probe).values()).containsOnly(1L);
			});
			List<String> after = ids("after", 300);
			assertThat(deliverToAll(after)).containsOnly(200);

			assertThat(publications(before).values()).hasSize(before.size()).containsOnly(1L);
			assertThat(publications(during)).as("published at least once").hasSize(during.size());
			assertThat(publications(after).values()).hasSize(after.size()).containsOnly(1L);
			// The sends go on until the fleet has shared the limit over more than two
			// periods: on a fast machine all of the above takes less than that.
			await().atMost(Duration.ofSeconds(30)).until(() -> this.api.sortedArrivals().size() > 2 * LIMIT);
		}
		finally {
			sending.dispose();
		}
		List<Long> times = this.api.sortedArrivals();
		assertThat(times).hasSizeGreaterThan(2 * LIMIT);
		assertThat(Arrivals.busiestWindow(times, PERIOD)).as("busiest window of %s", PERIOD).isLessThanOrEqualTo(LIMIT);
	}

	private List<Integer> deliverToAll(List<String> ids) {
		List<Mono<Integer>> posts = new ArrayList<>();
		for (String id : ids) {
			byte[] body = body(id);
			this.instances.forEach((instance) -> posts.add(post(instance, body)));
		}
		Collections.shuffle(posts, new Random(ids.hashCode()));
		return Flux.fromIterable(posts).flatMap(Function.identity(), 64).collectList().block(Duration.ofSeconds(120));
	}

	private Mono<Integer> post(ConfigurableApplicationContext instance, byte[] body) {
		int port = ((WebServerApplicationContext) instance).getWebServer().getPort();
		return this.client
			.headers((headers) -> headers.set("Content-Type", "application/json")
				.set(WebhookSigner.SIGNATURE_HEADER, this.signer.sign(body)))
			.post()
			.uri("http://127.0.0.1:" + port + PATH)
			.send((request, out) -> out.sendByteArray(Mono.just(body)))
			.responseSingle((response, content) -> Mono.just(response.status().code()));
	}

	private Map<String, Long> publications(List<String> ids) {
		Set<String> wanted = Set.copyOf(ids);
		return this.instances.stream()
			.flatMap((instance) -> receipts(instance).published.stream())
			.filter(wanted::contains)
			.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

	private static Receipts receipts(ConfigurableApplicationContext instance) {
		return instance.getBean(Receipts.class);
	}

	private static List<String> ids(String prefix, int count) {
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ids.add("msg_" + prefix + "_" + UUID.randomUUID());
		}
		return ids;
	}

	private static byte[] body(String messageId) {
		return ("{\"event\":\"sms.delivered\",\"message_id\":\"" + messageId + "\",\"to\":\"+1234567890\","
				+ "\"status\":\"delivered\",\"timestamp\":\"" + Instant.now() + "\"}")
			.getBytes(StandardCharsets.UTF_8);
	}

	private static SmsRequest request() {
		return SmsRequest.builder().to("+14155550123").text("Hello").build();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration(excludeName = {
			"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
			"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration" })
	@Import(Receipts.class)
	static class Instance {

	}

	/**
	 * Records the message id of every event its listener handled; fails once for each id
	 * in {@link #failOnce}.
	 */
	@SendPulseWebhook(PATH)
	static class Receipts {

		final Queue<String> published = new ConcurrentLinkedQueue<>();

		final Set<String> failOnce = ConcurrentHashMap.newKeySet();

		@EventListener
		void on(SmsStatusEvent event) {
			if (this.failOnce.remove(event.messageId())) {
				throw new IllegalStateException("Listener failed on purpose");
			}
			this.published.add(event.messageId());
		}

	}

}
