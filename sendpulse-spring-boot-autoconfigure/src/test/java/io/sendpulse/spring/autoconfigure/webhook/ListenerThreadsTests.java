package io.sendpulse.spring.autoconfigure.webhook;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link ListenerThreads}: listeners that block get every thread, and a full
 * queue refuses a task (which the processor answers 503) rather than holding it
 * unbounded.
 */
class ListenerThreadsTests {

	private final CountDownLatch release = new CountDownLatch(1);

	private final ListenerThreads threads = new ListenerThreads("listener-", 3, 2);

	@AfterEach
	void releaseAndClose() {
		this.release.countDown();
		this.threads.close();
	}

	@Test
	void runsTasksOneAfterAnotherOnTheThreadThatIsIdle() throws Exception {
		Set<String> names = ConcurrentHashMap.newKeySet();
		for (int i = 0; i < 3; i++) {
			CountDownLatch ran = new CountDownLatch(1);
			this.threads.execute(() -> {
				names.add(Thread.currentThread().getName());
				ran.countDown();
			});
			assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
			Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.threads.unfinished() == 0);
		}
		assertThat(names).containsExactly("listener-1");
	}

	@Test
	void runsAsManyBlockingTasksAtOnceAsItHasThreads() throws Exception {
		CountDownLatch started = new CountDownLatch(3);
		Set<String> names = ConcurrentHashMap.newKeySet();
		for (int i = 0; i < 3; i++) {
			this.threads.execute(() -> {
				names.add(Thread.currentThread().getName());
				started.countDown();
				awaitRelease();
			});
		}
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(names).hasSize(3).allMatch((name) -> name.startsWith("listener-"));
	}

	@Test
	void queuesWhatItsBusyThreadsCannotTakeAndRefusesWhatItsQueueCannotHold() throws Exception {
		CountDownLatch started = new CountDownLatch(3);
		for (int i = 0; i < 3; i++) {
			this.threads.execute(() -> {
				started.countDown();
				awaitRelease();
			});
		}
		assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
		CountDownLatch queued = new CountDownLatch(2);
		this.threads.execute(queued::countDown);
		this.threads.execute(queued::countDown);
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> this.threads.execute(() -> {
		}));
		assertThat(queued.getCount()).isEqualTo(2);
		assertThat(this.threads.unfinished()).isEqualTo(5);
		this.release.countDown();
		assertThat(queued.await(10, TimeUnit.SECONDS)).isTrue();
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.threads.unfinished() == 0);
	}

	@Test
	void runsItsThreadsAsDaemons() throws Exception {
		CountDownLatch ran = new CountDownLatch(1);
		boolean[] daemon = new boolean[1];
		this.threads.execute(() -> {
			daemon[0] = Thread.currentThread().isDaemon();
			ran.countDown();
		});
		assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
		assertThat(daemon[0]).isTrue();
	}

	@Test
	void refusesTasksOnceClosed() {
		this.threads.close();
		assertThatExceptionOfType(RejectedExecutionException.class).isThrownBy(() -> this.threads.execute(() -> {
		}));
		assertThat(this.threads.unfinished()).isZero();
	}

	private void awaitRelease() {
		try {
			this.release.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
