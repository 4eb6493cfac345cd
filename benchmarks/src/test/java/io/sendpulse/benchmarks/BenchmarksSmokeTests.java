package io.sendpulse.benchmarks;

import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tiny run of every benchmark, so that {@code ./mvnw verify} proves they still execute.
 * The figures of a run this small mean nothing; the full run is documented in
 * docs/benchmarks.md.
 */
class BenchmarksSmokeTests {

	@Test
	void everyBenchmarkRunsAndReportsAFigure() {
		List<Result> results = Benchmarks.run(Settings.smokeRun(), Set.of());

		assertThat(results).extracting(Result::id)
			.containsExactly("B1", "B1", "B1-observed", "B2", "B2", "B2-observed", "B1-latency", "B1-latency",
					"B1-latency", "B3", "B4", "B4", "B4", "B4", "B4-blocking", "B4-blocking", "B5", "B6", "B6-own",
					"B6-ref", "B6", "B6-own", "B6-ref", "B7", "B8", "B8", "B8", "B9", "B10", "B11", "B12");
		assertThat(results).allSatisfy((result) -> assertThat(result.figure()).isNotBlank());
	}

	/**
	 * What keeps B6 down: an application's start with the starter makes no connector, no
	 * event loop, no Reactor scheduler and no codecs (nor, in a non-web application, any
	 * Jackson mapper); the client builds them at its first call.
	 */
	@ParameterizedTest
	@ValueSource(booleans = { false, true })
	void theStarterLoadsNoHttpStackNorJacksonMapperWhileTheApplicationStarts(boolean web) {
		List<String> loaded = Startup.classesLoadedWithTheStarter(web);

		assertThat(loaded).contains("io.sendpulse.spring.internal.client.SendPulseClient")
			.noneMatch((name) -> name.startsWith("io.netty.channel."))
			.noneMatch((name) -> name.startsWith("reactor.netty.resources.DefaultLoopResources"))
			.noneMatch((name) -> name.startsWith("org.springframework.http.codec.json."))
			.doesNotContain("reactor.core.scheduler.ParallelScheduler",
					"org.springframework.web.reactive.function.client.DefaultWebClient");
		if (!web) {
			// Spring MVC makes its own for its message converters.
			assertThat(loaded).noneMatch((name) -> name.startsWith("tools.jackson.databind.ser."));
		}
	}

	/**
	 * B6's reference is Spring Boot's own WebClient starter, with all it brings, and
	 * nothing of ours.
	 */
	@Test
	void theReferenceIsSpringBootsWebClientStarter() {
		List<String> artifacts = Startup.reference().stream().map(Startup::artifact).toList();

		assertThat(artifacts)
			.contains("spring-boot-starter-webclient", "spring-boot-webclient", "spring-webflux", "reactor-netty-http",
					"spring-boot-starter-jackson", "spring-boot-jackson")
			.noneMatch((artifact) -> artifact.startsWith("sendpulse-"));
	}

	@Test
	void namesTheArtifactOfEachClassPathEntry() {
		assertThat(Startup.artifact("/m2/io/netty/netty-codec-native-quic-4.2.15.Final-linux-x86_64.jar"))
			.isEqualTo("netty-codec-native-quic");
		assertThat(Startup.artifact("/m2/org/slf4j/jul-to-slf4j-2.0.18.jar")).isEqualTo("jul-to-slf4j");
		assertThat(Startup.artifact("/work/sendpulse-spring-boot-autoconfigure/target/classes"))
			.isEqualTo("sendpulse-spring-boot-autoconfigure");
		assertThat(Startup.artifact(
				"/work/sendpulse-spring-boot-autoconfigure/target/sendpulse-spring-boot-autoconfigure-0.1.0-SNAPSHOT.jar"))
			.isEqualTo("sendpulse-spring-boot-autoconfigure");
	}

	/**
	 * Rotating sides: every round runs each side once, and over two cycles of rotations
	 * each side of any pair runs first as often as the other.
	 */
	@ParameterizedTest
	@ValueSource(ints = { 2, 3, 4 })
	void rotatesTheSidesSoThatNeitherOfTwoRunsFirstMoreOften(int sides) {
		int[][] before = new int[sides][sides];
		for (int round = 0; round < 2 * sides; round++) {
			int[] order = new int[sides];
			for (int position = 0; position < sides; position++) {
				order[position] = Rounds.order(round, position, sides);
			}
			assertThat(order).as("round %d", round).containsExactlyInAnyOrder(IntStream.range(0, sides).toArray());
			for (int first = 0; first < sides; first++) {
				for (int later = first + 1; later < sides; later++) {
					before[order[first]][order[later]]++;
				}
			}
		}
		for (int a = 0; a < sides; a++) {
			for (int b = a + 1; b < sides; b++) {
				assertThat(before[a][b]).as("side %d before side %d", a, b).isEqualTo(sides);
				assertThat(before[b][a]).as("side %d before side %d", b, a).isEqualTo(sides);
			}
		}
	}

	@Test
	void findsTheBusiestSlidingWindow() {
		long second = 1_000_000_000L;
		long[] arrivals = { 0, 100, second - 1, second, second + 50, 3 * second };

		assertThat(RateFidelity.busiestWindow(arrivals, second)).isEqualTo(4);
	}

}
