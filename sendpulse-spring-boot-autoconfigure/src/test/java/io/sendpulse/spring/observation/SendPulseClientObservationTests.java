package io.sendpulse.spring.observation;

import java.time.Duration;
import java.util.List;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import io.sendpulse.spring.SendPulseException;
import io.sendpulse.spring.TemplateContexts;
import io.sendpulse.spring.autoconfigure.SendPulseAutoConfiguration;
import io.sendpulse.spring.autoconfigure.SendPulseWebClientCustomizer;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The observation of each template operation: named and tagged by a replaceable
 * convention, with the WebClient's observation of each HTTP attempt as its child.
 */
class SendPulseClientObservationTests {

	@StartStop
	private final MockWebServer server = new MockWebServer();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, SendPulseAutoConfiguration.class))
		.withPropertyValues("spring.reactor.netty.shutdown-quiet-period=20ms", "sendpulse.api-key=sk-test",
				"sendpulse.retry.initial-backoff=10ms");

	@Test
	void observesTheOperationWithEachHttpAttemptAsItsChild() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.server.enqueue(new MockResponse.Builder().code(503).build());
		this.server.enqueue(TemplateContexts.queued());
		this.contextRunner.withPropertyValues("sendpulse.base-url=" + this.server.url("/"))
			.withBean(ObservationRegistry.class, () -> registry)
			.run((context) -> {
				send(context.getBean(SmsTemplate.class));
				TestObservationRegistryAssert.assertThat(registry)
					.hasNumberOfObservationsWithNameEqualTo(DefaultSendPulseClientObservationConvention.NAME, 1)
					.hasNumberOfObservationsWithNameEqualTo("http.client.requests", 2)
					.hasObservationWithNameEqualTo(DefaultSendPulseClientObservationConvention.NAME)
					.that()
					.hasContextualNameEqualTo("sms.send")
					.hasLowCardinalityKeyValue("operation", "sms.send")
					.hasLowCardinalityKeyValue("method", "POST")
					.hasLowCardinalityKeyValue("uri", "/v1/sms/send")
					.hasLowCardinalityKeyValue("outcome", "success")
					.hasLowCardinalityKeyValue("status", "2xx")
					.isExactlyInstanceOf(SendPulseClientObservationContext.class);
				TestObservationRegistryAssert.assertThat(registry).hasHandledContextsThatSatisfy((contexts) -> {
					List<Observation.Context> attempts = contexts.stream()
						.filter((observed) -> "http.client.requests".equals(observed.getName()))
						.toList();
					assertThat(attempts).hasSize(2)
						.allSatisfy((attempt) -> assertThat(attempt.getParentObservation()).isNotNull()
							.satisfies((parent) -> assertThat(parent.getContextView())
								.isInstanceOf(SendPulseClientObservationContext.class)));
					assertThat(attempts).extracting((attempt) -> attempt.getLowCardinalityKeyValue("status").getValue())
						.containsExactly("503", "200");
				});
			});
	}

	@Test
	void traceOfOneSendShowsTheOperationWithItsHttpAttemptsAsChildSpans() {
		List<SimpleSpan> spans = spansOfOneSendWithARetry(false);
		SimpleSpan operation = span(spans, "sms.send");
		List<SimpleSpan> attempts = spans.stream().filter((span) -> span != operation).toList();
		assertThat(attempts).hasSize(2).allSatisfy((attempt) -> {
			assertThat(attempt.getName()).isEqualToIgnoringCase("http post");
			assertThat(attempt.getTraceId()).isEqualTo(operation.getTraceId());
			assertThat(attempt.getParentId()).isEqualTo(operation.getSpanId());
		});
	}

	@Test
	void theHttpAttemptsAreChildrenOfTheOperationUnderTheCallersSpan() {
		List<SimpleSpan> spans = spansOfOneSendWithARetry(true);
		SimpleSpan operation = span(spans, "sms.send");
		assertThat(operation.getParentId()).isEqualTo(span(spans, "http.server.requests").getSpanId());
		List<SimpleSpan> attempts = spans.stream()
			.filter((span) -> span.getName().equalsIgnoreCase("http post"))
			.toList();
		assertThat(attempts).hasSize(2)
			.allSatisfy((attempt) -> assertThat(attempt.getParentId()).isEqualTo(operation.getSpanId()));
	}

	/**
	 * The spans of one send answered 503 then 200, sent as from a Spring MVC request (its
	 * server span current on the calling thread, where the first attempt starts; the
	 * retry starts on another) or with no span current.
	 */
	private List<SimpleSpan> spansOfOneSendWithARetry(boolean inAServerRequest) {
		SimpleTracer tracer = new SimpleTracer();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
		this.server.enqueue(new MockResponse.Builder().code(503).build());
		this.server.enqueue(TemplateContexts.queued());
		this.contextRunner.withPropertyValues("sendpulse.base-url=" + this.server.url("/"))
			.withBean(ObservationRegistry.class, () -> registry)
			.run((context) -> {
				SmsTemplate sms = context.getBean(SmsTemplate.class);
				if (!inAServerRequest) {
					send(sms);
					return;
				}
				Observation request = Observation.start("http.server.requests", registry);
				try (Observation.Scope scope = request.openScope()) {
					send(sms);
				}
				request.stop();
			});
		return List.copyOf(tracer.getSpans());
	}

	private static SimpleSpan span(List<SimpleSpan> spans, String name) {
		return spans.stream().filter((span) -> span.getName().equals(name)).findFirst().orElseThrow();
	}

	@Test
	void aCancelAfterTheAnswerStopsTheObservationOnceAsASuccess() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.server.enqueue(TemplateContexts.queued());
		this.contextRunner.withPropertyValues("sendpulse.base-url=" + this.server.url("/"))
			.withBean(ObservationRegistry.class, () -> registry)
			.run((context) -> {
				// take(1) cancels once the value has arrived, as a coroutine's
				// awaitFirst.
				Flux.from(context.getBean(SmsTemplate.class)
					.reactive()
					.send(SmsRequest.builder().to("+14155550123").from("Acme").text("Hello").build()))
					.take(1)
					.blockLast(Duration.ofSeconds(10));
				TestObservationRegistryAssert.assertThat(registry)
					.hasNumberOfObservationsWithNameEqualTo(DefaultSendPulseClientObservationConvention.NAME, 1)
					.hasObservationWithNameEqualTo(DefaultSendPulseClientObservationConvention.NAME)
					.that()
					.hasLowCardinalityKeyValue("outcome", "success")
					.isExactlyInstanceOf(SendPulseClientObservationContext.class);
				TestObservationRegistryAssert.assertThat(registry)
					.hasHandledContextsThatSatisfy((contexts) -> assertThat(contexts)
						.filteredOn(SendPulseClientObservationContext.class::isInstance)
						.singleElement()
						.satisfies(
								(operation) -> assertThat(((SendPulseClientObservationContext) operation).isCancelled())
									.isFalse()));
			});
	}

	@Test
	void tagsACallInFlightAsUnknownNotAsASuccess() {
		// The keys asked at the start make the in-flight (.active) timer's tags.
		DefaultSendPulseClientObservationConvention convention = new DefaultSendPulseClientObservationConvention();
		SendPulseClientObservationContext context = new SendPulseClientObservationContext("sms.send", "POST",
				"/v1/sms/send", "default");
		assertThat(convention.getLowCardinalityKeyValues(context)).contains(KeyValue.of("outcome", "unknown"),
				KeyValue.of("status", "none"));
		context.setStatusCode(200);
		assertThat(convention.getLowCardinalityKeyValues(context)).contains(KeyValue.of("outcome", "success"),
				KeyValue.of("status", "2xx"));
	}

	@Test
	void aConventionBeanReplacesTheDefault() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.server.enqueue(TemplateContexts.queued());
		this.contextRunner.withPropertyValues("sendpulse.base-url=" + this.server.url("/"))
			.withBean(ObservationRegistry.class, () -> registry)
			.withBean(SendPulseClientObservationConvention.class, TenantConvention::new)
			.run((context) -> {
				send(context.getBean(SmsTemplate.class));
				TestObservationRegistryAssert.assertThat(registry)
					.hasObservationWithNameEqualTo("shop.sendpulse")
					.that()
					.hasLowCardinalityKeyValue("tenant", "acme")
					.hasLowCardinalityKeyValue("operation", "sms.send");
			});
	}

	@Test
	void observesACallThatFailsBecauseTheClientCannotBeBuilt() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.contextRunner.withPropertyValues("sendpulse.base-url=" + this.server.url("/"))
			.withBean(ObservationRegistry.class, () -> registry)
			.withBean(SendPulseWebClientCustomizer.class, () -> (builder) -> {
				throw new IllegalStateException("not today");
			})
			.run((context) -> {
				assertThatExceptionOfType(SendPulseException.class)
					.isThrownBy(() -> send(context.getBean(SmsTemplate.class)));
				TestObservationRegistryAssert.assertThat(registry)
					.hasObservationWithNameEqualTo(DefaultSendPulseClientObservationConvention.NAME)
					.that()
					.hasContextualNameEqualTo("sms.send")
					.hasError();
				assertThat(this.server.getRequestCount()).isZero();
			});
	}

	private static void send(SmsTemplate sms) {
		sms.send(SmsRequest.builder().to("+14155550123").from("Acme").text("Hello").build());
	}

	static class TenantConvention extends DefaultSendPulseClientObservationConvention {

		@Override
		public String getName() {
			return "shop.sendpulse";
		}

		@Override
		public KeyValues getLowCardinalityKeyValues(SendPulseClientObservationContext context) {
			return super.getLowCardinalityKeyValues(context).and(KeyValue.of("tenant", "acme"));
		}

	}

}
