package io.sendpulse.spring.autoconfigure;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.sendpulse.spring.accounts.SendPulseAccount;
import io.sendpulse.spring.accounts.SendPulseAccounts;
import io.sendpulse.spring.internal.InvalidSendPulsePropertyException;
import io.sendpulse.spring.internal.accounts.AccountClients;
import io.sendpulse.spring.internal.accounts.AccountNames;
import io.sendpulse.spring.internal.accounts.AccountPlaceStores;
import io.sendpulse.spring.internal.accounts.AccountSettings;
import io.sendpulse.spring.internal.accounts.ApiKeys;
import io.sendpulse.spring.internal.accounts.DefaultSendPulseAccount;
import io.sendpulse.spring.internal.accounts.DefaultSendPulseAccounts;
import io.sendpulse.spring.internal.accounts.KeyedRateLimiters;
import io.sendpulse.spring.internal.client.RequestRules;
import io.sendpulse.spring.internal.client.SendPulseClient;
import io.sendpulse.spring.internal.client.SendPulseResilience;
import io.sendpulse.spring.internal.ratelimit.SlidingWindowRateLimiter;
import io.sendpulse.spring.internal.sms.DefaultReactiveSmsTemplate;
import io.sendpulse.spring.internal.sms.DefaultSmsTemplate;
import io.sendpulse.spring.internal.sms.SmsSegmentRecorder;
import io.sendpulse.spring.internal.sms.SmsTextRules;
import io.sendpulse.spring.internal.verify.DefaultReactiveVerifyTemplate;
import io.sendpulse.spring.internal.verify.DefaultVerifyTemplate;
import io.sendpulse.spring.internal.voice.DefaultReactiveVoiceTemplate;
import io.sendpulse.spring.internal.voice.DefaultVoiceTemplate;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Builds the {@link SendPulseAccounts}: the top-level account from the template beans,
 * each {@code sendpulse.accounts.<name>} with its settings resolved against the top-level
 * ones, and run-time accounts on the top-level settings; every key on its one rate
 * limiter.
 */
final class SendPulseAccountsFactory {

	private static final String ACCOUNTS = "sendpulse.accounts.";

	private final SendPulseProperties properties;

	private final AccountClients clients;

	private final KeyedRateLimiters limiters = new KeyedRateLimiters();

	private final List<SendPulseRateLimiterCustomizer> customizers;

	private final AccountPlaceStores placeStores;

	private final @Nullable SmsSegmentMetrics segmentMetrics;

	private final Environment environment;

	SendPulseAccountsFactory(SendPulseProperties properties, AccountClients clients,
			List<SendPulseRateLimiterCustomizer> customizers, AccountPlaceStores placeStores,
			@Nullable SmsSegmentMetrics segmentMetrics, Environment environment) {
		this.environment = environment;
		this.properties = properties;
		this.clients = clients;
		this.customizers = customizers;
		this.placeStores = placeStores;
		this.segmentMetrics = segmentMetrics;
	}

	SendPulseAccounts create(SendPulseAccount defaultAccount, String defaultApiKey,
			Supplier<? extends @Nullable RateLimiter> defaultRateLimiter) {
		// The top-level key keeps its limiter, its bean and metrics, whoever else uses
		// the key. Asked for at the first look-up, like the templates' client does.
		this.limiters.register(defaultApiKey, defaultRateLimiter);
		Map<String, SendPulseAccount> configured = new LinkedHashMap<>();
		configured.put(SendPulseAccounts.DEFAULT, defaultAccount);
		Map<String, RateLimiter> ownLimiters = new LinkedHashMap<>();
		Set<String> keys = new HashSet<>();
		keys.add(defaultApiKey);
		if (!this.properties.getAccounts().isEmpty()) {
			checkNamesAsWritten(this.environment);
		}
		this.properties.getAccounts().forEach((name, account) -> {
			AccountSettings settings = resolve(InvalidSendPulsePropertyException.check("sendpulse.accounts." + name,
					() -> AccountNames.configured(name)), account);
			keys.add(settings.apiKey());
			RateLimiter limiter = (settings.rateLimit() != null)
					? this.limiters.configured(settings.apiKey(), () -> rateLimiter(settings)) : null;
			if (limiter != null && limiter != defaultRateLimiter.get() && !ownLimiters.containsValue(limiter)) {
				ownLimiters.put(name, limiter);
			}
			configured.put(name, account(settings, limiter, "sendpulse.accounts." + name + ".", true));
		});
		return new DefaultSendPulseAccounts(configured, ownLimiters, keys, this::runtime);
	}

	/**
	 * Check each account's name as the configuration writes it. Written in the dotted
	 * form ({@code sendpulse.accounts.eu shop.api-key}, as application.yml flattens an
	 * {@code "eu shop":} key too), Spring Boot drops what a property name may not hold
	 * from the map key, and the account would be {@code eushop} without a word. Only the
	 * property sources that list their names (configuration files, system properties,
	 * command-line arguments) can be read so: environment variables cannot write such a
	 * name anyway. The bracketed form ({@code sendpulse.accounts[eu shop]}) keeps the
	 * name as written, and the bound name meets the rule.
	 */
	static void checkNamesAsWritten(Environment environment) {
		if (!(environment instanceof ConfigurableEnvironment configurable)) {
			return;
		}
		for (PropertySource<?> source : configurable.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String property : enumerable.getPropertyNames()) {
					if (property.startsWith(ACCOUNTS)) {
						int end = property.indexOf('.', ACCOUNTS.length());
						String name = property.substring(ACCOUNTS.length(), (end >= 0) ? end : property.length());
						InvalidSendPulsePropertyException.check(ACCOUNTS + name, () -> AccountNames.configured(name));
					}
				}
			}
		}
	}

	private SendPulseAccount runtime(String apiKey, String name) {
		AccountSettings settings = topLevel(name, apiKey);
		RateLimiter limiter = (settings.rateLimit() != null)
				? this.limiters.runtime(apiKey, () -> rateLimiter(settings)) : this.limiters.find(apiKey);
		return account(settings, limiter, "sendpulse.", false);
	}

	private AccountSettings resolve(String name, SendPulseProperties.Account account) {
		String property = "sendpulse.accounts." + name + ".api-key";
		String given = account.getApiKey();
		String apiKey = InvalidSendPulsePropertyException.check(property, () -> ApiKeys
			.checked((given != null) ? InvalidSendPulsePropertyException.resolved(property, given) : null, property));
		// Bound as none, it would silently be the top-level channel.
		WhitespacePropertyCheck.check(this.environment, "sendpulse.accounts." + name + ".verify.channel", "set it to "
				+ SendPulseProperties.CHANNELS + ", or leave it empty or unset to use sendpulse.verify.channel");
		SendPulseProperties.Verify verify = this.properties.getVerify();
		SendPulseProperties.Account.Verify own = account.getVerify();
		return new AccountSettings(name, apiKey, or(account.getSms().getFrom(), this.properties.getSms().getFrom()),
				or(account.getVoice().getFrom(), this.properties.getVoice().getFrom()),
				or(own.getChannel(), verify.getChannel()), or(own.getCodeLength(), verify.getCodeLength()),
				or(own.getExpiry(), verify.getExpiry()), rateLimit(account.getRateLimit()));
	}

	private AccountSettings topLevel(String name, String apiKey) {
		SendPulseProperties.Verify verify = this.properties.getVerify();
		return new AccountSettings(name, apiKey, this.properties.getSms().getFrom(),
				this.properties.getVoice().getFrom(), verify.getChannel(), verify.getCodeLength(), verify.getExpiry(),
				rateLimit(new SendPulseProperties.Account.RateLimit()));
	}

	private AccountSettings.@Nullable RateLimit rateLimit(SendPulseProperties.Account.RateLimit own) {
		SendPulseProperties.RateLimit top = this.properties.getRateLimit();
		if (!or(own.getEnabled(), top.isEnabled())) {
			return null;
		}
		return new AccountSettings.RateLimit(or(own.getLimitForPeriod(), top.getLimitForPeriod()),
				or(own.getRefreshPeriod(), top.getRefreshPeriod()), or(own.getTimeout(), top.getTimeout()));
	}

	private RateLimiter rateLimiter(AccountSettings settings) {
		AccountSettings.RateLimit rateLimit = settings.rateLimit();
		RateLimiterConfig.Builder config = RateLimiterConfig.from(SendPulseResilience
			.rateLimiterConfig(rateLimit.limitForPeriod(), rateLimit.refreshPeriod(), rateLimit.timeout()));
		this.customizers.forEach((customizer) -> customizer.customize(config));
		return new SlidingWindowRateLimiter(SendPulseResilience.NAME + "-" + settings.name(), config.build(),
				this.placeStores.create(settings.apiKey(), rateLimit));
	}

	/**
	 * Check a default sender as the API checks a request's: a wrong one stops the start
	 * with a message naming the property, the number in it masked.
	 */
	static @Nullable String sender(String property, @Nullable String value) {
		return (value != null)
				? InvalidSendPulsePropertyException.check(property, () -> RequestRules.sender(property, value)) : null;
	}

	/**
	 * Check a default caller ID as the API checks a call's: a number, never a sender ID.
	 */
	static @Nullable String callerId(String property, @Nullable String value) {
		return (value != null)
				? InvalidSendPulsePropertyException.check(property, () -> RequestRules.callerId(property, value))
				: null;
	}

	// The prefix of the properties its settings come from; configured when its key is
	// too, else the key was handed over at run time.
	private SendPulseAccount account(AccountSettings settings, @Nullable RateLimiter limiter, String prefix,
			boolean configured) {
		sender(prefix + "sms.from", settings.smsFrom());
		callerId(prefix + "voice.from", settings.voiceFrom());
		SendPulseClient client = this.clients.create(settings.apiKey(), () -> limiter, settings.name(),
				configured ? prefix + "api-key" : null);
		SendPulseProperties.Sms sms = this.properties.getSms();
		SmsSegmentRecorder segments = (this.segmentMetrics != null) ? this.segmentMetrics.forAccount(settings.name())
				: SmsSegmentRecorder.NONE;
		return new DefaultSendPulseAccount(settings.name(),
				new DefaultSmsTemplate(
						new DefaultReactiveSmsTemplate(client, settings.smsFrom(), sms.getBulkConcurrency(),
								new SmsTextRules(sms.isSmartEncoding(), sms.getMaxSegments()), segments)),
				new DefaultVoiceTemplate(new DefaultReactiveVoiceTemplate(client, settings.voiceFrom())),
				new DefaultVerifyTemplate(new DefaultReactiveVerifyTemplate(client, settings.channel(),
						settings.codeLength(), settings.expiry())));
	}

	private static <T extends @Nullable Object> T or(@Nullable T own, T fallback) {
		return (own != null) ? own : fallback;
	}

}
