package io.sendpulse.spring.autoconfigure;

import java.util.EnumMap;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sendpulse.spring.accounts.SendPulseAccounts;
import io.sendpulse.spring.internal.sms.SmsSegmentRecorder;
import io.sendpulse.spring.sms.SmsEncoding;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;

/**
 * Counts the segments of the SMS SendPulse accepted in the counter
 * {@code sendpulse.sms.segments}, tagged {@code encoding} ({@code gsm-7} or
 * {@code ucs-2}) and {@code account} (the account's name, {@code default} for the
 * top-level one), so that the bill can be read off a dashboard. Only created when
 * Micrometer is on the classpath; the application's {@link MeterRegistry} is looked up at
 * the first send, when the context has every bean, and nothing is counted when there is
 * none.
 */
final class SmsSegmentMetrics implements SmsSegmentRecorder {

	static final String NAME = "sendpulse.sms.segments";

	private final ObjectProvider<MeterRegistry> meterRegistry;

	private final String account;

	private volatile @Nullable Map<SmsEncoding, Counter> counters;

	SmsSegmentMetrics(ObjectProvider<MeterRegistry> meterRegistry) {
		this(meterRegistry, SendPulseAccounts.DEFAULT);
	}

	SmsSegmentMetrics(ObjectProvider<MeterRegistry> meterRegistry, String account) {
		this.meterRegistry = meterRegistry;
		this.account = account;
	}

	/**
	 * Return the metrics of another account, on the same registry.
	 * @param account the account's name
	 * @return its metrics
	 */
	SmsSegmentMetrics forAccount(String account) {
		return new SmsSegmentMetrics(this.meterRegistry, account);
	}

	@Override
	public void record(SmsEncoding encoding, int segments) {
		Map<SmsEncoding, Counter> counters = this.counters;
		if (counters == null) {
			// Tried once: a registry that refuses the counters (a meter of another type
			// under our name) is reported by the template at the first send, not at every
			// send. Two first sends may both register: Micrometer returns the same
			// counters.
			this.counters = Map.of();
			counters = register();
			this.counters = counters;
		}
		Counter counter = counters.get(encoding);
		if (counter != null) {
			counter.increment(segments);
		}
	}

	private Map<SmsEncoding, Counter> register() {
		MeterRegistry registry = this.meterRegistry.getIfUnique();
		Map<SmsEncoding, Counter> counters = new EnumMap<>(SmsEncoding.class);
		if (registry != null) {
			for (SmsEncoding encoding : SmsEncoding.values()) {
				counters.put(encoding,
						Counter.builder(NAME)
							.description("Segments of the SMS SendPulse accepted, each billed as one SMS")
							.baseUnit("segments")
							.tag("encoding", tag(encoding))
							.tag("account", this.account)
							.register(registry));
			}
		}
		return counters;
	}

	static String tag(SmsEncoding encoding) {
		return switch (encoding) {
			case GSM_7 -> "gsm-7";
			case UCS_2 -> "ucs-2";
		};
	}

}
