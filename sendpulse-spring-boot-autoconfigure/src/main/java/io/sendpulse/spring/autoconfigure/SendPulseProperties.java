package io.sendpulse.spring.autoconfigure;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.sendpulse.spring.internal.InvalidSendPulsePropertyException;
import io.sendpulse.spring.internal.client.RequestRules;
import io.sendpulse.spring.verify.Channel;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for SendPulse ({@code sendpulse.*}). Setters reject nonsense
 * so that a wrong value stops startup with a message naming the property. Secrets never
 * appear in {@link #toString()}.
 */
@ConfigurationProperties("sendpulse")
public class SendPulseProperties implements InitializingBean {

	/**
	 * API key from the SendPulse dashboard, sent as a bearer token. The templates are
	 * only created when it is set.
	 */
	private @Nullable String apiKey;

	/**
	 * Base URL of the SendPulse API.
	 */
	private URI baseUrl = URI.create("https://api.sendpulse.io");

	/**
	 * Time to wait for a connection to the API.
	 */
	private Duration connectTimeout = Duration.ofSeconds(5);

	/**
	 * Longest wait for data from the API within one attempt (the HTTP connector's read
	 * timeout); a timed-out attempt is retried.
	 */
	private Duration readTimeout = Duration.ofSeconds(10);

	/**
	 * Longest one attempt may take, from sending the request to reading the whole
	 * response, whatever the HTTP connector; bounds a response that trickles in. A
	 * timed-out attempt is retried.
	 */
	private Duration attemptTimeout = Duration.ofSeconds(30);

	/**
	 * Longest a connection to the API is kept open unused for a later call (Reactor
	 * Netty's connector); the client closes it then. NAT gateways, firewalls and load
	 * balancers forget idle connections, often silently: a call sent on one gets no
	 * answer until the read timeout, and is then retried.
	 */
	private Duration maxIdleTime = Duration.ofSeconds(30);

	/**
	 * Where the state that instances must share lives: the rate limiter's places and the
	 * memory of webhook deliveries. 'memory' keeps it in this JVM; 'redis' keeps it in
	 * Redis, through the application's Spring Data Redis connection
	 * (spring.data.redis.*), so that every instance using the same API key shares one
	 * limit and publishes a delivery once.
	 */
	private Store store = Store.MEMORY;

	private final Sms sms = new Sms();

	private final Voice voice = new Voice();

	private final Verify verify = new Verify();

	private final RateLimit rateLimit = new RateLimit();

	private final Retry retry = new Retry();

	private final Webhook webhook = new Webhook();

	private final Ssl ssl = new Ssl();

	private final Proxy proxy = new Proxy();

	/**
	 * Further SendPulse accounts by name (letters, digits, '-' and '_'; 'default' is the
	 * top-level account's). Each takes api-key, sms.from, voice.from, verify.*,
	 * rate-limit.* and webhook.secret / webhook.additional-secrets; what an account
	 * leaves unset is taken from the top-level sendpulse.* properties. Reached through
	 * the SendPulseAccounts bean and @SendPulseWebhook(account = ...).
	 */
	private final Map<String, Account> accounts = new LinkedHashMap<>();

	public @Nullable String getApiKey() {
		return this.apiKey;
	}

	public void setApiKey(@Nullable String apiKey) {
		this.apiKey = apiKey;
	}

	public URI getBaseUrl() {
		return this.baseUrl;
	}

	// Checked where the client's connection details are made, not here: Boot's analysis
	// of a setter's failure prints the value, whose query may hold a token.
	public void setBaseUrl(URI baseUrl) {
		this.baseUrl = baseUrl;
	}

	public Duration getConnectTimeout() {
		return this.connectTimeout;
	}

	public void setConnectTimeout(Duration connectTimeout) {
		this.connectTimeout = positive("sendpulse.connect-timeout", connectTimeout);
	}

	public Duration getReadTimeout() {
		return this.readTimeout;
	}

	public void setReadTimeout(Duration readTimeout) {
		this.readTimeout = positive("sendpulse.read-timeout", readTimeout);
	}

	public Duration getAttemptTimeout() {
		return this.attemptTimeout;
	}

	public void setAttemptTimeout(Duration attemptTimeout) {
		this.attemptTimeout = positive("sendpulse.attempt-timeout", attemptTimeout);
	}

	public Duration getMaxIdleTime() {
		return this.maxIdleTime;
	}

	public void setMaxIdleTime(Duration maxIdleTime) {
		this.maxIdleTime = positive("sendpulse.max-idle-time", maxIdleTime);
	}

	public Store getStore() {
		return this.store;
	}

	public void setStore(Store store) {
		this.store = store;
	}

	public Sms getSms() {
		return this.sms;
	}

	public Voice getVoice() {
		return this.voice;
	}

	public Verify getVerify() {
		return this.verify;
	}

	public RateLimit getRateLimit() {
		return this.rateLimit;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Webhook getWebhook() {
		return this.webhook;
	}

	public Ssl getSsl() {
		return this.ssl;
	}

	public Proxy getProxy() {
		return this.proxy;
	}

	public Map<String, Account> getAccounts() {
		return this.accounts;
	}

	/**
	 * Check the rules that span two properties, once all are bound: a setter cannot, as
	 * the other may not be bound yet.
	 */
	@Override
	public void afterPropertiesSet() {
		if (this.retry.isEnabled()) {
			// With retries off the backoffs do nothing: settings left behind are no
			// mistake worth stopping for.
			this.retry.checkBackoffs();
		}
	}

	/**
	 * The longest a timeout, period or backoff may be: longer is a mistake (a unit
	 * forgotten), and far longer would overflow where the value is used in nanoseconds or
	 * in Netty's int milliseconds.
	 */
	static final Duration LONGEST = Duration.ofDays(1);

	/** The longest verification code life the API takes: a 32-bit count of seconds. */
	static final Duration LONGEST_EXPIRY = Duration.ofSeconds(Integer.MAX_VALUE);

	/**
	 * The channels a property may name, as the API names them: all but UNKNOWN, which
	 * stands for what an answer of the API may name and this version does not know.
	 */
	static final String CHANNELS = channels();

	/** The most attempts a call may make: more would retry for hours. */
	static final int MOST_ATTEMPTS = 100;

	// Setter failures reach the user through Boot's bind failure analysis, which names
	// only the last segment of the property: the message names it in full.
	static Duration positive(String property, Duration duration) {
		return positive(property, duration, LONGEST, "1d");
	}

	static Duration positive(String property, Duration duration, Duration longest, String longestText) {
		if (duration.isNegative() || duration.isZero() || duration.compareTo(longest) > 0) {
			throw new IllegalArgumentException(property + " must be a positive duration of at most " + longestText);
		}
		return duration;
	}

	private static String channels() {
		List<String> names = Arrays.stream(Channel.values())
			.filter((channel) -> channel != Channel.UNKNOWN)
			.map(Channel::value)
			.toList();
		return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
	}

	static int atLeast(String property, int value, int min) {
		if (value < min) {
			throw new IllegalArgumentException(property + " must be at least " + min);
		}
		return value;
	}

	static int between(String property, int value, int min, int max) {
		if (value < min || value > max) {
			throw new IllegalArgumentException(property + " must be between " + min + " and " + max);
		}
		return value;
	}

	/**
	 * Where the state that instances must share lives.
	 */
	public enum Store {

		/**
		 * In this JVM: each instance has its own limit.
		 */
		MEMORY,

		/**
		 * In Redis, through the application's Spring Data Redis connection: every
		 * instance using the same API key shares one limit.
		 */
		REDIS

	}

	/**
	 * SMS properties.
	 */
	public static class Sms {

		/**
		 * Sender used when a request names none: an E.164 number or an alphanumeric
		 * sender ID of up to 11 characters.
		 */
		private @Nullable String from;

		/**
		 * Most requests a bulk send keeps in flight at once.
		 */
		private int bulkConcurrency = 16;

		/**
		 * Whether to replace common Unicode look-alikes (curly quotes, dashes, the
		 * ellipsis, special spaces; zero-width characters removed) with GSM-7 characters
		 * before sending, when that makes the whole text GSM-7 and so fit 160 characters
		 * a segment instead of 70.
		 */
		private boolean smartEncoding;

		/**
		 * Most segments a text may take: a longer text fails with an
		 * IllegalArgumentException before anything is sent. Unset, any length the API
		 * accepts is sent.
		 */
		private @Nullable Integer maxSegments;

		public @Nullable String getFrom() {
			return this.from;
		}

		public void setFrom(@Nullable String from) {
			this.from = from;
		}

		public int getBulkConcurrency() {
			return this.bulkConcurrency;
		}

		public void setBulkConcurrency(int bulkConcurrency) {
			this.bulkConcurrency = atLeast("sendpulse.sms.bulk-concurrency", bulkConcurrency, 1);
		}

		public boolean isSmartEncoding() {
			return this.smartEncoding;
		}

		public void setSmartEncoding(boolean smartEncoding) {
			this.smartEncoding = smartEncoding;
		}

		public @Nullable Integer getMaxSegments() {
			return this.maxSegments;
		}

		public void setMaxSegments(@Nullable Integer maxSegments) {
			this.maxSegments = (maxSegments != null) ? atLeast("sendpulse.sms.max-segments", maxSegments, 1) : null;
		}

	}

	/**
	 * Voice properties.
	 */
	public static class Voice {

		/**
		 * Caller ID used when a request names none: your voice-enabled number, in E.164
		 * format (a call cannot show a sender ID).
		 */
		private @Nullable String from;

		public @Nullable String getFrom() {
			return this.from;
		}

		public void setFrom(@Nullable String from) {
			this.from = from;
		}

	}

	/**
	 * Verification properties.
	 */
	public static class Verify {

		/**
		 * Channel the code is sent over when a request names none: sms, voice or
		 * whatsapp.
		 */
		private Channel channel = Channel.SMS;

		/**
		 * Digits in the code when a request names none, 4 to 8.
		 */
		private int codeLength = 6;

		/**
		 * Time the code stays valid when a request names none, in whole seconds.
		 */
		private Duration expiry = Duration.ofMinutes(5);

		public Channel getChannel() {
			return this.channel;
		}

		public void setChannel(Channel channel) {
			if (channel == Channel.UNKNOWN) {
				throw new IllegalArgumentException("sendpulse.verify.channel must be " + CHANNELS);
			}
			this.channel = channel;
		}

		public int getCodeLength() {
			return this.codeLength;
		}

		public void setCodeLength(int codeLength) {
			this.codeLength = RequestRules.codeLength("sendpulse.verify.code-length", codeLength);
		}

		public Duration getExpiry() {
			return this.expiry;
		}

		public void setExpiry(Duration expiry) {
			if (positive("sendpulse.verify.expiry", expiry, LONGEST_EXPIRY, "2147483647s").getNano() != 0) {
				throw new IllegalArgumentException("sendpulse.verify.expiry must be a whole number of seconds");
			}
			this.expiry = expiry;
		}

	}

	/**
	 * Client-side rate limit, shared by all templates (the API counts per key).
	 */
	public static class RateLimit {

		/**
		 * Whether each request waits for a place under the client-side rate limit.
		 */
		private boolean enabled = true;

		/**
		 * Most requests reaching the API in any sliding window of refresh-period, retries
		 * included. Each request holds its place until one refresh-period after its
		 * response, so a saturated client achieves about limit-for-period x
		 * refresh-period / (refresh-period + round trip).
		 */
		private int limitForPeriod = 20;

		/**
		 * Window the limit applies to: any window of this length, not fixed cycles.
		 */
		private Duration refreshPeriod = Duration.ofSeconds(1);

		/**
		 * Longest a request waits for a place before failing unsent with a
		 * SendPulseRateLimitException that says when a place frees up.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getLimitForPeriod() {
			return this.limitForPeriod;
		}

		public void setLimitForPeriod(int limitForPeriod) {
			this.limitForPeriod = atLeast("sendpulse.rate-limit.limit-for-period", limitForPeriod, 1);
		}

		public Duration getRefreshPeriod() {
			return this.refreshPeriod;
		}

		public void setRefreshPeriod(Duration refreshPeriod) {
			this.refreshPeriod = positive("sendpulse.rate-limit.refresh-period", refreshPeriod);
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			if (timeout.isNegative() || timeout.compareTo(LONGEST) > 0) {
				throw new IllegalArgumentException("sendpulse.rate-limit.timeout must be between 0 and 1d");
			}
			this.timeout = timeout;
		}

	}

	/**
	 * Retries of failed calls: never a POST that the API may have acted on.
	 */
	public static class Retry {

		/**
		 * Whether failed calls are retried when it is safe.
		 */
		private boolean enabled = true;

		/**
		 * Attempts in all, the first included.
		 */
		private int maxAttempts = 3;

		/**
		 * Wait before the first retry.
		 */
		private Duration initialBackoff = Duration.ofMillis(500);

		/**
		 * Factor the wait grows by on each retry.
		 */
		private double multiplier = 2.0;

		/**
		 * Longest wait between two attempts, a Retry-After from the API included; at
		 * least initial-backoff.
		 */
		private Duration maxBackoff = Duration.ofSeconds(10);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMaxAttempts() {
			return this.maxAttempts;
		}

		public void setMaxAttempts(int maxAttempts) {
			this.maxAttempts = between("sendpulse.retry.max-attempts", maxAttempts, 1, MOST_ATTEMPTS);
		}

		public Duration getInitialBackoff() {
			return this.initialBackoff;
		}

		public void setInitialBackoff(Duration initialBackoff) {
			this.initialBackoff = positive("sendpulse.retry.initial-backoff", initialBackoff);
		}

		public double getMultiplier() {
			return this.multiplier;
		}

		public void setMultiplier(double multiplier) {
			if (!(multiplier >= 1) || Double.isInfinite(multiplier)) {
				throw new IllegalArgumentException("sendpulse.retry.multiplier must be a number of at least 1");
			}
			this.multiplier = multiplier;
		}

		public Duration getMaxBackoff() {
			return this.maxBackoff;
		}

		public void setMaxBackoff(Duration maxBackoff) {
			this.maxBackoff = positive("sendpulse.retry.max-backoff", maxBackoff);
		}

		// Below initial-backoff, every wait would be cut to max-backoff without a word:
		// a unit or a digit is wrong in one of them.
		void checkBackoffs() {
			if (this.maxBackoff.compareTo(this.initialBackoff) < 0) {
				throw new InvalidSendPulsePropertyException("sendpulse.retry.max-backoff",
						"sendpulse.retry.max-backoff (" + text(this.maxBackoff)
								+ ") must be at least sendpulse.retry.initial-backoff (" + text(this.initialBackoff)
								+ "): raise max-backoff, or lower initial-backoff");
			}
		}

		// As written in application.yml: 10s, 500ms.
		private static String text(Duration duration) {
			for (ChronoUnit unit : List.of(ChronoUnit.SECONDS, ChronoUnit.MILLIS, ChronoUnit.MICROS)) {
				if (duration.toNanos() % unit.getDuration().toNanos() == 0) {
					return DurationStyle.SIMPLE.print(duration, unit);
				}
			}
			return DurationStyle.SIMPLE.print(duration, ChronoUnit.NANOS);
		}

	}

	/**
	 * Webhook endpoint properties.
	 */
	public static class Webhook {

		/**
		 * Secret SendPulse signs webhooks with. Required when an endpoint is declared
		 * with {@code @SendPulseWebhook}.
		 */
		private @Nullable String secret;

		/**
		 * Further secrets accepted while rotating the secret.
		 */
		private List<String> additionalSecrets = new ArrayList<>();

		/**
		 * Largest accepted difference between an event's timestamp and now, either way;
		 * redeliveries within it are recognised and not published again.
		 */
		private Duration tolerance = Duration.ofMinutes(5);

		/**
		 * Whether event listeners may block (call a template's blocking method, use
		 * JDBC). On WebFlux, events are then published on threads of the starter's own,
		 * up to sendpulse.webhook.listener-pool.max-size, or on virtual threads when
		 * spring.threads.virtual.enabled is set; when false, on the event loop that
		 * received the webhook, for listeners that never block. Spring MVC always
		 * publishes on the request thread.
		 */
		private boolean blockingListeners = true;

		/**
		 * The threads of the starter's own that publish events to listeners that may
		 * block, on WebFlux without virtual threads.
		 */
		private final ListenerPool listenerPool = new ListenerPool();

		/**
		 * Largest accepted webhook body.
		 */
		private DataSize maxPayloadSize = DataSize.ofKilobytes(64);

		public @Nullable String getSecret() {
			return this.secret;
		}

		public void setSecret(@Nullable String secret) {
			this.secret = secret;
		}

		public List<String> getAdditionalSecrets() {
			return this.additionalSecrets;
		}

		public void setAdditionalSecrets(List<String> additionalSecrets) {
			this.additionalSecrets = additionalSecrets;
		}

		public Duration getTolerance() {
			return this.tolerance;
		}

		public void setTolerance(Duration tolerance) {
			this.tolerance = positive("sendpulse.webhook.tolerance", tolerance);
		}

		public boolean isBlockingListeners() {
			return this.blockingListeners;
		}

		public void setBlockingListeners(boolean blockingListeners) {
			this.blockingListeners = blockingListeners;
		}

		public ListenerPool getListenerPool() {
			return this.listenerPool;
		}

		public DataSize getMaxPayloadSize() {
			return this.maxPayloadSize;
		}

		public void setMaxPayloadSize(DataSize maxPayloadSize) {
			if (maxPayloadSize.toBytes() <= 0) {
				throw new IllegalArgumentException("sendpulse.webhook.max-payload-size must be positive");
			}
			this.maxPayloadSize = maxPayloadSize;
		}

		/**
		 * The threads of the starter's own that publish events to listeners that may
		 * block, on WebFlux without virtual threads.
		 */
		public static class ListenerPool {

			/**
			 * Maximum number of threads that publish webhook events to listeners that may
			 * block, on WebFlux without virtual threads. A thread is made when a delivery
			 * finds all of them busy, and ends after a minute idle. Unset, the size of
			 * Reactor's boundedElastic scheduler: ten per CPU core unless
			 * reactor.schedulers.defaultBoundedElasticSize says otherwise.
			 */
			private @Nullable Integer maxSize;

			/**
			 * Maximum number of webhook deliveries waiting for a listener thread once
			 * there are as many as allowed; beyond, the endpoint answers 503 and
			 * SendPulse delivers them again. Unset, the queue size of Reactor's
			 * boundedElastic scheduler: 100000 unless
			 * reactor.schedulers.defaultBoundedElasticQueueSize says otherwise.
			 */
			private @Nullable Integer queueCapacity;

			public @Nullable Integer getMaxSize() {
				return this.maxSize;
			}

			public void setMaxSize(@Nullable Integer maxSize) {
				this.maxSize = (maxSize != null) ? atLeast("sendpulse.webhook.listener-pool.max-size", maxSize, 1)
						: null;
			}

			public @Nullable Integer getQueueCapacity() {
				return this.queueCapacity;
			}

			public void setQueueCapacity(@Nullable Integer queueCapacity) {
				this.queueCapacity = (queueCapacity != null)
						? atLeast("sendpulse.webhook.listener-pool.queue-capacity", queueCapacity, 1) : null;
			}

		}

	}

	/**
	 * TLS of the connection to the API.
	 */
	public static class Ssl {

		/**
		 * Name of the SSL bundle (spring.ssl.bundle.*) the client uses, for a corporate
		 * trust store or a client certificate (mutual TLS). The JVM's defaults when not
		 * set.
		 */
		private @Nullable String bundle;

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public void setBundle(@Nullable String bundle) {
			this.bundle = bundle;
		}

	}

	/**
	 * HTTP proxy the client reaches the API through (it tunnels with CONNECT).
	 */
	public static class Proxy {

		/**
		 * Host of the HTTP proxy. No proxy when not set.
		 */
		private @Nullable String host;

		/**
		 * Port of the HTTP proxy.
		 */
		private int port = 8080;

		/**
		 * User name the proxy authenticates (Basic); none when not set.
		 */
		private @Nullable String username;

		/**
		 * Password the proxy authenticates. Never logged.
		 */
		private @Nullable String password;

		public @Nullable String getHost() {
			return this.host;
		}

		public void setHost(@Nullable String host) {
			this.host = host;
		}

		public int getPort() {
			return this.port;
		}

		public void setPort(int port) {
			if (port < 1 || port > 65535) {
				throw new IllegalArgumentException("sendpulse.proxy.port must be between 1 and 65535");
			}
			this.port = port;
		}

		public @Nullable String getUsername() {
			return this.username;
		}

		public void setUsername(@Nullable String username) {
			this.username = username;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public void setPassword(@Nullable String password) {
			this.password = password;
		}

	}

	/**
	 * One further SendPulse account ({@code sendpulse.accounts.<name>.*}): every setting
	 * left unset is taken from the top-level {@code sendpulse.*} property of the same
	 * name.
	 */
	public static class Account {

		private static final String PREFIX = "sendpulse.accounts.<name>.";

		/**
		 * API key of this account, sent as a bearer token. Required.
		 */
		private @Nullable String apiKey;

		private final Sms sms = new Sms();

		private final Voice voice = new Voice();

		private final Verify verify = new Verify();

		private final RateLimit rateLimit = new RateLimit();

		private final Webhook webhook = new Webhook();

		public @Nullable String getApiKey() {
			return this.apiKey;
		}

		public void setApiKey(@Nullable String apiKey) {
			this.apiKey = apiKey;
		}

		public Sms getSms() {
			return this.sms;
		}

		public Voice getVoice() {
			return this.voice;
		}

		public Verify getVerify() {
			return this.verify;
		}

		public RateLimit getRateLimit() {
			return this.rateLimit;
		}

		public Webhook getWebhook() {
			return this.webhook;
		}

		@Override
		public String toString() {
			return "Account[apiKey=(hidden)]";
		}

		/**
		 * SMS properties of one account.
		 */
		public static class Sms {

			/**
			 * Sender used when a request names none; sendpulse.sms.from when not set.
			 */
			private @Nullable String from;

			public @Nullable String getFrom() {
				return this.from;
			}

			public void setFrom(@Nullable String from) {
				this.from = from;
			}

		}

		/**
		 * Voice properties of one account.
		 */
		public static class Voice {

			/**
			 * Caller ID used when a request names none, a voice-enabled number in E.164
			 * format; sendpulse.voice.from when not set.
			 */
			private @Nullable String from;

			public @Nullable String getFrom() {
				return this.from;
			}

			public void setFrom(@Nullable String from) {
				this.from = from;
			}

		}

		/**
		 * Verification properties of one account.
		 */
		public static class Verify {

			/**
			 * Channel the code is sent over when a request names none;
			 * sendpulse.verify.channel when not set.
			 */
			private @Nullable Channel channel;

			/**
			 * Digits in the code when a request names none, 4 to 8;
			 * sendpulse.verify.code-length when not set.
			 */
			private @Nullable Integer codeLength;

			/**
			 * Time the code stays valid when a request names none, in whole seconds;
			 * sendpulse.verify.expiry when not set.
			 */
			private @Nullable Duration expiry;

			public @Nullable Channel getChannel() {
				return this.channel;
			}

			public void setChannel(@Nullable Channel channel) {
				if (channel == Channel.UNKNOWN) {
					throw new IllegalArgumentException(PREFIX + "verify.channel must be " + CHANNELS);
				}
				this.channel = channel;
			}

			public @Nullable Integer getCodeLength() {
				return this.codeLength;
			}

			public void setCodeLength(@Nullable Integer codeLength) {
				this.codeLength = (codeLength != null)
						? RequestRules.codeLength(PREFIX + "verify.code-length", codeLength) : null;
			}

			public @Nullable Duration getExpiry() {
				return this.expiry;
			}

			public void setExpiry(@Nullable Duration expiry) {
				if (expiry != null
						&& positive(PREFIX + "verify.expiry", expiry, LONGEST_EXPIRY, "2147483647s").getNano() != 0) {
					throw new IllegalArgumentException(PREFIX + "verify.expiry must be a whole number of seconds");
				}
				this.expiry = expiry;
			}

		}

		/**
		 * Client-side rate limit of one account's API key, shared by every use of that
		 * key.
		 */
		public static class RateLimit {

			/**
			 * Whether each request of this account waits for a place under its key's rate
			 * limit; sendpulse.rate-limit.enabled when not set.
			 */
			private @Nullable Boolean enabled;

			/**
			 * Most requests of this key reaching the API in any sliding window of
			 * refresh-period; sendpulse.rate-limit.limit-for-period when not set.
			 */
			private @Nullable Integer limitForPeriod;

			/**
			 * Window the limit applies to; sendpulse.rate-limit.refresh-period when not
			 * set.
			 */
			private @Nullable Duration refreshPeriod;

			/**
			 * Longest a request waits for a place; sendpulse.rate-limit.timeout when not
			 * set.
			 */
			private @Nullable Duration timeout;

			public @Nullable Boolean getEnabled() {
				return this.enabled;
			}

			public void setEnabled(@Nullable Boolean enabled) {
				this.enabled = enabled;
			}

			public @Nullable Integer getLimitForPeriod() {
				return this.limitForPeriod;
			}

			public void setLimitForPeriod(@Nullable Integer limitForPeriod) {
				this.limitForPeriod = (limitForPeriod != null)
						? atLeast(PREFIX + "rate-limit.limit-for-period", limitForPeriod, 1) : null;
			}

			public @Nullable Duration getRefreshPeriod() {
				return this.refreshPeriod;
			}

			public void setRefreshPeriod(@Nullable Duration refreshPeriod) {
				this.refreshPeriod = (refreshPeriod != null)
						? positive(PREFIX + "rate-limit.refresh-period", refreshPeriod) : null;
			}

			public @Nullable Duration getTimeout() {
				return this.timeout;
			}

			public void setTimeout(@Nullable Duration timeout) {
				if (timeout != null && (timeout.isNegative() || timeout.compareTo(LONGEST) > 0)) {
					throw new IllegalArgumentException(PREFIX + "rate-limit.timeout must be between 0 and 1d");
				}
				this.timeout = timeout;
			}

		}

		/**
		 * Webhook secrets of one account: its {@code @SendPulseWebhook(account = ...)}
		 * endpoints accept deliveries signed with these.
		 */
		public static class Webhook {

			/**
			 * Secret SendPulse signs this account's webhooks with;
			 * sendpulse.webhook.secret when not set.
			 */
			private @Nullable String secret;

			/**
			 * Further secrets accepted while rotating this account's secret. When not
			 * set: none if the account sets its own secret (another account's secrets
			 * must not verify its deliveries), else sendpulse.webhook.additional-secrets.
			 */
			private @Nullable List<String> additionalSecrets;

			public @Nullable String getSecret() {
				return this.secret;
			}

			public void setSecret(@Nullable String secret) {
				this.secret = secret;
			}

			public @Nullable List<String> getAdditionalSecrets() {
				return this.additionalSecrets;
			}

			public void setAdditionalSecrets(@Nullable List<String> additionalSecrets) {
				this.additionalSecrets = additionalSecrets;
			}

		}

	}

}
