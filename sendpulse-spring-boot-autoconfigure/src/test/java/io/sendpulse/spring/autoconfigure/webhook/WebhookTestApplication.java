package io.sendpulse.spring.autoconfigure.webhook;

import java.time.Duration;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.sendpulse.spring.webhook.CallStatusEvent;
import io.sendpulse.spring.webhook.SendPulseEvent;
import io.sendpulse.spring.webhook.SendPulseWebhook;
import io.sendpulse.spring.webhook.SmsStatusEvent;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

/**
 * An application with two webhook endpoints, as a user would write it, without Spring
 * Security (the security tests have their own).
 */
@SpringBootConfiguration
@EnableAutoConfiguration(excludeName = { "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration" })
@Import({ WebhookTestApplication.DeliveryReceipts.class, WebhookTestApplication.CallReceipts.class })
class WebhookTestApplication {

	/**
	 * Records every event; throws once for each message id in {@link #failOnce}.
	 */
	@SendPulseWebhook("/webhooks/sendpulse")
	static class DeliveryReceipts {

		/** Prefix of the message ids whose listener blocks. */
		static final String BLOCKING = "msg_blocking_";

		/** Prefix of the message ids whose listener is slow. */
		static final String SLOW = "msg_slow_";

		/** Prefix of the message ids whose listeners block until they all run at once. */
		static final String TOGETHER = "msg_together_";

		/**
		 * What each listener of a {@link #TOGETHER} delivery counts down, then waits for.
		 */
		volatile CountDownLatch together = new CountDownLatch(0);

		/** The {@link #TOGETHER} deliveries whose listener saw all the others running. */
		final Set<String> ranTogether = ConcurrentHashMap.newKeySet();

		/** Prefix of the message ids whose listener waits for {@link #gate} to open. */
		static final String GATED = "msg_gated_";

		volatile CountDownLatch gate = new CountDownLatch(0);

		/** Listeners of {@link #GATED} deliveries running now, and the most at once. */
		final AtomicInteger gatedRunning = new AtomicInteger();

		final AtomicInteger gatedMostAtOnce = new AtomicInteger();

		final Queue<SendPulseEvent> received = new ConcurrentLinkedQueue<>();

		final Set<String> failOnce = ConcurrentHashMap.newKeySet();

		volatile String lastThread = "";

		volatile boolean lastThreadVirtual;

		@EventListener
		void on(SendPulseEvent event) {
			this.lastThread = Thread.currentThread().getName();
			this.lastThreadVirtual = isVirtual(Thread.currentThread());
			if (event instanceof SmsStatusEvent sms && sms.messageId() != null) {
				String messageId = sms.messageId();
				if (messageId.startsWith(BLOCKING)) {
					// What a template's blocking method does.
					Mono.delay(Duration.ofMillis(5)).block(Duration.ofSeconds(10));
				}
				if (messageId.startsWith(TOGETHER)) {
					waitForTheOthers(messageId);
				}
				if (messageId.startsWith(GATED)) {
					waitForTheGate();
				}
				if (messageId.startsWith(SLOW) && !Schedulers.isInNonBlockingThread()) {
					// Slow where listeners may block.
					Mono.delay(Duration.ofMillis(25)).block(Duration.ofSeconds(10));
				}
			}
			this.received.add(event);
			if (event instanceof SmsStatusEvent sms && sms.messageId() != null
					&& this.failOnce.remove(sms.messageId())) {
				throw new IllegalStateException("Listener failed on purpose");
			}
		}

		// Thread.isVirtual() is Java 21's; the tests compile for 17.
		private static boolean isVirtual(Thread thread) {
			try {
				return (boolean) Thread.class.getMethod("isVirtual").invoke(thread);
			}
			catch (ReflectiveOperationException ex) {
				return false;
			}
		}

		private void waitForTheGate() {
			this.gatedMostAtOnce.accumulateAndGet(this.gatedRunning.incrementAndGet(), Math::max);
			try {
				this.gate.await(60, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.gatedRunning.decrementAndGet();
			}
		}

		private void waitForTheOthers(String messageId) {
			CountDownLatch latch = this.together;
			latch.countDown();
			try {
				if (latch.await(10, TimeUnit.SECONDS)) {
					this.ranTogether.add(messageId);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	@SendPulseWebhook(path = "/webhooks/calls")
	static class CallReceipts {

		final Queue<CallStatusEvent> received = new ConcurrentLinkedQueue<>();

		@EventListener
		void on(CallStatusEvent event) {
			this.received.add(event);
		}

	}

}
