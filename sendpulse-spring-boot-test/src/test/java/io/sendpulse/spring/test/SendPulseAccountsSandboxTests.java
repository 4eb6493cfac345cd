package io.sendpulse.spring.test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.sendpulse.spring.accounts.SendPulseAccount;
import io.sendpulse.spring.accounts.SendPulseAccounts;
import io.sendpulse.spring.sms.SmsMessage;
import io.sendpulse.spring.sms.SmsRequest;
import io.sendpulse.spring.sms.SmsTemplate;
import io.sendpulse.spring.voice.Call;
import io.sendpulse.spring.voice.CallRequest;
import io.sendpulse.spring.voice.CallStatus;
import io.sendpulse.spring.voice.VoiceAction;
import io.sendpulse.spring.webhook.CallStatusEvent;
import io.sendpulse.spring.webhook.SendPulseWebhook;
import io.sendpulse.spring.webhook.SmsStatusEvent;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two configured accounts and run-time ones against the sandbox, which accepts a key per
 * account, each with its own balance, rate window and webhook secret: each account sends
 * with its own key and sender, one saturated key does not slow another, and webhooks
 * reach each account's endpoint, verified with that account's secret.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "sendpulse.sms.from=Default", "sendpulse.webhook.secret=whsec-default",
				"sendpulse.sandbox.rate-limit=0", "sendpulse.sandbox.additional-accounts[0].api-key=eu-key",
				"sendpulse.sandbox.additional-accounts[0].rate-limit=0",
				"sendpulse.sandbox.additional-accounts[0].webhook-secret=whsec-eu",
				"sendpulse.sandbox.additional-accounts[1].api-key=us-key",
				"sendpulse.sandbox.additional-accounts[1].rate-limit=0",
				"sendpulse.sandbox.additional-accounts[2].api-key=slow-key",
				"sendpulse.sandbox.additional-accounts[2].rate-limit=0",
				"sendpulse.sandbox.additional-accounts[3].api-key=tenant-key",
				"sendpulse.sandbox.additional-accounts[3].rate-limit=0", "sendpulse.accounts.eu.api-key=eu-key",
				"sendpulse.accounts.eu.sms.from=EuShop", "sendpulse.accounts.eu.webhook.secret=whsec-eu",
				"sendpulse.accounts.us.api-key=us-key", "sendpulse.accounts.us.sms.from=UsShop",
				"sendpulse.accounts.slow.api-key=slow-key", "sendpulse.accounts.slow.rate-limit.limit-for-period=1",
				"sendpulse.accounts.slow.rate-limit.refresh-period=1m",
				"sendpulse.accounts.slow.rate-limit.timeout=2m" })
@AutoConfigureSendPulseSandbox
class SendPulseAccountsSandboxTests {

	@Autowired
	private SendPulseAccounts accounts;

	@Autowired
	private SmsTemplate sms;

	@Autowired
	private SendPulseSandbox sandbox;

	@Autowired
	private Receipts receipts;

	@LocalServerPort
	private int port;

	@Test
	void sendsWithEachAccountsOwnKeyAndSender() {
		SmsMessage top = this.sms.send(request("+14155550101"));
		SmsMessage eu = this.accounts.sms("eu").send(request("+4915112345601"));
		SmsMessage us = this.accounts.sms("us").send(request("+12125550101"));
		SmsMessage tenant = this.accounts.forApiKey("tenant-key", "tenants").sms().send(request("+14155550102"));
		assertThat(this.sandbox.sentMessages(this.sandbox.apiKey())).filteredOn((sent) -> sent.id().equals(top.id()))
			.singleElement()
			.satisfies((sent) -> assertThat(sent.from()).isEqualTo("Default"));
		assertThat(this.sandbox.sentMessages("eu-key")).filteredOn((sent) -> sent.id().equals(eu.id()))
			.singleElement()
			.satisfies((sent) -> assertThat(sent.from()).isEqualTo("EuShop"));
		assertThat(this.sandbox.sentMessages("us-key")).filteredOn((sent) -> sent.id().equals(us.id()))
			.singleElement()
			.satisfies((sent) -> assertThat(sent.from()).isEqualTo("UsShop"));
		// A run-time account takes the top-level defaults.
		assertThat(this.sandbox.sentMessages("tenant-key")).filteredOn((sent) -> sent.id().equals(tenant.id()))
			.singleElement()
			.satisfies((sent) -> assertThat(sent.from()).isEqualTo("Default"));
		assertThat(this.sandbox.sentMessages("eu-key")).extracting(SentMessage::id).doesNotContain(top.id(), us.id());
	}

	@Test
	void aSaturatedKeyDoesNotSlowAnotherAndRunTimeAccountsShareAConfiguredKeysLimit() {
		SendPulseAccount slow = this.accounts.account("slow");
		// Its only place for a minute.
		slow.sms().send(request("+14155550103"));
		CompletableFuture<SmsMessage> waiting = slow.sms().reactive().send(request("+14155550104")).toFuture();
		CompletableFuture<SmsMessage> sameKeyAtRunTime = this.accounts.forApiKey("slow-key")
			.sms()
			.reactive()
			.send(request("+14155550105"))
			.toFuture();
		try {
			CompletableFuture<?> others = CompletableFuture.allOf(
					this.accounts.sms("us").reactive().send(request("+12125550102")).toFuture(),
					this.accounts.sms("us").reactive().send(request("+12125550103")).toFuture(),
					this.sms.reactive().send(request("+14155550106")).toFuture(),
					this.accounts.forApiKey("tenant-key").sms().reactive().send(request("+14155550107")).toFuture());
			await().atMost(Duration.ofSeconds(10)).until(others::isDone);
			assertThat(others).isCompleted();
			// Still waiting on the one place of slow-key, whichever account object
			// asks.
			await().during(Duration.ofMillis(500))
				.atMost(Duration.ofSeconds(5))
				.until(() -> !waiting.isDone() && !sameKeyAtRunTime.isDone());
			assertThat(this.sandbox.sentMessages("slow-key")).hasSize(1);
		}
		finally {
			waiting.cancel(true);
			sameKeyAtRunTime.cancel(true);
		}
	}

	@Test
	void deliversWebhooksToEachAccountsEndpointVerifiedWithItsSecret() {
		SmsMessage eu = this.accounts.sms("eu")
			.send(builder("+4915112345602").callbackUrl(endpoint("/webhooks/eu")).build());
		SmsMessage top = this.sms.send(builder("+14155550108").callbackUrl(endpoint("/webhooks/default")).build());
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(eventsOf(eu.id())).extracting(SmsStatusEvent::type).contains("sms.delivered");
			assertThat(eventsOf(top.id())).extracting(SmsStatusEvent::type).contains("sms.delivered");
		});
		assertThat(eventsOf(eu.id())).extracting(SmsStatusEvent::account).containsOnly("eu");
		assertThat(eventsOf(top.id())).extracting(SmsStatusEvent::account).containsOnly("default");
	}

	@Test
	void deliversEachAccountsWebhooksToItsOwnEndpointWithoutACallbackUrl() {
		// As SendPulse posts each account's webhooks where that account is set up to.
		SmsMessage eu = this.accounts.sms("eu").send(request("+4915112345604"));
		SmsMessage top = this.sms.send(request("+14155550109"));
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(eventsOf(eu.id())).extracting(SmsStatusEvent::type).contains("sms.delivered");
			assertThat(eventsOf(top.id())).extracting(SmsStatusEvent::type).contains("sms.delivered");
		});
		assertThat(eventsOf(eu.id())).extracting(SmsStatusEvent::account).containsOnly("eu");
		assertThat(eventsOf(top.id())).extracting(SmsStatusEvent::account).containsOnly("default");
		assertThat(this.sandbox.webhooks()).filteredOn((delivery) -> delivery.body().contains(eu.id()))
			.allSatisfy((delivery) -> assertThat(delivery.target().getPath()).isEqualTo("/webhooks/eu"));
		// An account without an endpoint of its own: the top-level account's.
		SmsMessage us = this.accounts.sms("us").send(request("+12125550104"));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(
					() -> assertThat(eventsOf(us.id())).extracting(SmsStatusEvent::type).contains("sms.delivered"));
		assertThat(eventsOf(us.id())).extracting(SmsStatusEvent::account).containsOnly("default");
		assertThat(this.sandbox.webhooks()).filteredOn((delivery) -> delivery.body().contains(us.id()))
			.allSatisfy((delivery) -> assertThat(delivery.target().getPath()).isEqualTo("/webhooks/default"));
	}

	@Test
	void deliversAnAccountsCallWebhooksToItsOwnEndpoint() {
		Call call = this.accounts.voice("eu")
			.call(CallRequest.builder()
				.to("+4915112345605")
				.from("+4930123456")
				.actions(List.of(VoiceAction.say("Hello")))
				.build());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(callEventsOf(call.id())).extracting(CallStatusEvent::status)
				.contains(CallStatus.COMPLETED));
		assertThat(callEventsOf(call.id())).extracting(CallStatusEvent::account).containsOnly("eu");
	}

	@Test
	void refusesAWebhookSignedWithAnotherAccountsSecret() {
		// Signed with eu's secret, posted to the top-level account's endpoint.
		SmsMessage eu = this.accounts.sms("eu")
			.send(builder("+4915112345603").callbackUrl(endpoint("/webhooks/default")).build());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.sandbox.webhooks())
				.filteredOn((delivery) -> delivery.body().contains(eu.id()))
				.anySatisfy((delivery) -> assertThat(delivery.status()).isEqualTo(401))
				.noneMatch(WebhookDelivery::delivered));
		assertThat(eventsOf(eu.id())).isEmpty();
	}

	private List<CallStatusEvent> callEventsOf(String callId) {
		return this.receipts.calls.stream().filter((event) -> callId.equals(event.callId())).toList();
	}

	private List<SmsStatusEvent> eventsOf(String messageId) {
		return this.receipts.received.stream().filter((event) -> messageId.equals(event.messageId())).toList();
	}

	private URI endpoint(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	private static SmsRequest request(String to) {
		return builder(to).build();
	}

	private static SmsRequest.Builder builder(String to) {
		return SmsRequest.builder().to(to).text("Hello");
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	// eu's endpoint first: the sandbox must not take the first endpoint for every
	// account's.
	@Import({ EuEndpoint.class, DefaultEndpoint.class, Receipts.class })
	static class TestApplication {

	}

	@SendPulseWebhook("/webhooks/default")
	static class DefaultEndpoint {

	}

	@SendPulseWebhook(value = "/webhooks/eu", account = "eu")
	static class EuEndpoint {

	}

	/**
	 * One listener for every account.
	 */
	static class Receipts {

		final Queue<SmsStatusEvent> received = new ConcurrentLinkedQueue<>();

		final Queue<CallStatusEvent> calls = new ConcurrentLinkedQueue<>();

		@EventListener
		void on(SmsStatusEvent event) {
			this.received.add(event);
		}

		@EventListener
		void on(CallStatusEvent event) {
			this.calls.add(event);
		}

	}

}
