package io.sendpulse.spring.autoconfigure;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.http.HttpMethod;
import org.springframework.http.client.reactive.ClientHttpConnector;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared connector: made once and, when made from the context's resources, made again
 * after the context's lifecycle stops, never kept when made from resources that just
 * stopped.
 */
class RenewableConnectorTests {

	private final List<ClientHttpConnector> made = new ArrayList<>();

	private final RenewableConnector renewable = new RenewableConnector(factory(true));

	private ConnectorFactory factory(boolean usesContextResources) {
		return new ConnectorFactory() {

			@Override
			public ClientHttpConnector create() {
				synchronized (RenewableConnectorTests.this.made) {
					ClientHttpConnector connector = new Answering(RenewableConnectorTests.this.made.size());
					RenewableConnectorTests.this.made.add(connector);
					return connector;
				}
			}

			@Override
			public boolean usesContextResources() {
				return usesContextResources;
			}

		};
	}

	@Test
	void makesTheConnectorOnceAndConnectsThroughIt() {
		this.renewable.start();

		ClientHttpConnector first = this.renewable.current();

		assertThat(this.renewable.current()).isSameAs(first);
		assertThat(answerOf(this.renewable.connector())).isEqualTo(0);
		assertThat(this.made).hasSize(1);
	}

	@Test
	void aConnectorMadeBeforeTheFirstStartIsKept() {
		// A send from a bean's initialization, before the lifecycle starts.
		ClientHttpConnector early = this.renewable.current();

		this.renewable.start();

		assertThat(this.renewable.current()).isSameAs(early);
	}

	@Test
	void makesTheConnectorAgainAfterTheLifecycleStops() {
		this.renewable.start();
		ClientHttpConnector before = this.renewable.current();

		this.renewable.stop();

		assertThat(this.renewable.isRunning()).isFalse();
		assertThat(answerOf(this.renewable.connector())).isEqualTo(1);
		assertThat(this.renewable.current()).isNotSameAs(before);
	}

	@Test
	void keepsTheConnectorMadeWhileStoppedAfterARestart() {
		// Asked for its resources while stopped, Spring's ReactorResourceFactory starts
		// again, and its start at the restart keeps them.
		this.renewable.start();
		this.renewable.current();
		this.renewable.stop();
		ClientHttpConnector whileStopped = this.renewable.current();

		this.renewable.start();

		assertThat(this.renewable.isRunning()).isTrue();
		assertThat(this.renewable.current()).isSameAs(whileStopped);
		assertThat(this.made).hasSize(2);
	}

	@Test
	void aConnectorOnResourcesOfItsOwnIsGivenAsItIsAndKeptAfterAStop() {
		RenewableConnector own = new RenewableConnector(factory(false));
		own.start();
		ClientHttpConnector connector = own.connector();

		own.stop();

		assertThat(connector).isInstanceOf(Answering.class);
		assertThat(own.current()).isSameAs(connector);
		assertThat(this.made).hasSize(1);
	}

	@Test
	void stopsJustAfterReactorsResourceFactory() {
		assertThat(this.renewable.getPhase()).isEqualTo(-1);
		assertThat(this.renewable.isAutoStartup()).isTrue();
	}

	@Test
	void callsTogetherShareOneConnector() throws Exception {
		this.renewable.start();
		ExecutorService threads = Executors.newFixedThreadPool(8);
		try {
			CountDownLatch go = new CountDownLatch(1);
			List<Future<ClientHttpConnector>> calls = new ArrayList<>();
			for (int i = 0; i < 8; i++) {
				calls.add(threads.submit(() -> {
					go.await();
					return this.renewable.current();
				}));
			}
			go.countDown();
			Set<ClientHttpConnector> seen = new HashSet<>();
			for (Future<ClientHttpConnector> call : calls) {
				seen.add(call.get(10, TimeUnit.SECONDS));
			}
			assertThat(seen).hasSize(1);
			assertThat(this.made).hasSize(1);
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static int answerOf(ClientHttpConnector connector) {
		Mono<ClientHttpResponse> response = connector.connect(HttpMethod.GET, URI.create("http://localhost/"),
				(request) -> Mono.empty());
		int[] answer = new int[1];
		StepVerifier.create(response).expectErrorSatisfies((ex) -> {
			assertThat(ex).isInstanceOf(Answered.class);
			answer[0] = ((Answered) ex).number;
		}).verify();
		return answer[0];
	}

	/** Says which connector it is, instead of connecting. */
	private record Answering(int number) implements ClientHttpConnector {

		@Override
		public Mono<ClientHttpResponse> connect(HttpMethod method, URI uri,
				Function<? super ClientHttpRequest, Mono<Void>> requestCallback) {
			return Mono.error(new Answered(this.number));
		}

	}

	private static final class Answered extends RuntimeException {

		private final int number;

		Answered(int number) {
			super("connector " + number, null, false, false);
			this.number = number;
		}

	}

}
