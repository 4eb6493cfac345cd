package io.sendpulse.spring.observation;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import brave.Tracing;
import brave.handler.MutableSpan;
import brave.handler.SpanHandler;
import brave.propagation.ThreadLocalCurrentTraceContext;
import brave.propagation.TraceContext;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.brave.bridge.BraveBaggageManager;
import io.micrometer.tracing.brave.bridge.BraveCurrentTraceContext;
import io.micrometer.tracing.brave.bridge.BravePropagator;
import io.micrometer.tracing.brave.bridge.BraveTracer;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Brave behind Micrometer's tracing handlers, the first matching one handling each
 * observation, as Spring Boot's tracing auto-configuration sets them up; keeps every
 * finished span.
 */
@Configuration(proxyBeanMethods = false)
public class BraveTracing {

	private final List<MutableSpan> finished = new CopyOnWriteArrayList<>();

	@Bean(destroyMethod = "close")
	Tracing tracing() {
		return Tracing.newBuilder()
			.currentTraceContext(ThreadLocalCurrentTraceContext.create())
			.addSpanHandler(new SpanHandler() {

				@Override
				public boolean end(TraceContext context, MutableSpan span, Cause cause) {
					BraveTracing.this.finished.add(span);
					return true;
				}

			})
			.build();
	}

	@Bean
	ObservationRegistry observationRegistry(Tracing tracing) {
		BraveTracer tracer = new BraveTracer(tracing.tracer(),
				new BraveCurrentTraceContext(tracing.currentTraceContext()), new BraveBaggageManager());
		Propagator propagator = new BravePropagator(tracing);
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig()
			.observationHandler(new FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(tracer, propagator),
					new PropagatingReceiverTracingObservationHandler<>(tracer, propagator),
					new DefaultTracingObservationHandler(tracer)));
		return registry;
	}

	/**
	 * Return the spans finished so far.
	 * @return the spans, in the order they finished
	 */
	public List<MutableSpan> finished() {
		return List.copyOf(this.finished);
	}

	/**
	 * Return the first finished span whose name contains a text, ignoring case.
	 * @param text the text
	 * @return the span, if one finished
	 */
	public Optional<MutableSpan> named(String text) {
		return this.finished.stream()
			.filter((span) -> String.valueOf(span.name())
				.toLowerCase(Locale.ROOT)
				.contains(text.toLowerCase(Locale.ROOT)))
			.findFirst();
	}

}
