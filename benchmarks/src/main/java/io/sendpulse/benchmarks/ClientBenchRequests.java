package io.sendpulse.benchmarks;

import io.sendpulse.spring.sms.SmsRequest;

/**
 * The request the client benchmarks send.
 */
final class ClientBenchRequests {

	static final SmsRequest ONE = SmsRequest.builder().to("+14155550123").text("Your order has shipped").build();

	private ClientBenchRequests() {
	}

}
