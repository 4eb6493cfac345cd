package io.sendpulse.spring.accounts;

import java.util.Set;

import io.sendpulse.spring.sms.SmsTemplate;
import io.sendpulse.spring.verify.VerifyTemplate;
import io.sendpulse.spring.voice.VoiceTemplate;

/**
 * The SendPulse accounts of the application: the top-level one ({@value #DEFAULT}), whose
 * templates are also the {@link SmsTemplate}, {@link VoiceTemplate} and
 * {@link VerifyTemplate} beans, those configured under {@code sendpulse.accounts.<name>},
 * and accounts created at run time for a key the application holds (a tenant's key from
 * its database). Every account shares the application's HTTP connector, retry and store;
 * each API key has one rate limiter, shared by every account object using that key.
 * <p>
 * <pre class="code">
 * accounts.sms("eu").send(SmsRequest.builder().to("+4915112345678").text("Hallo").build());
 *
 * SendPulseAccount tenant = accounts.forApiKey(tenantKey, "tenant-42");
 * tenant.sms().send(request);
 * </pre>
 * <p>
 * Thread-safe.
 */
public interface SendPulseAccounts {

	/** The name of the top-level account ({@code sendpulse.api-key}). */
	String DEFAULT = "default";

	/** The name run-time accounts carry when the application gives none. */
	String RUNTIME = "runtime";

	/**
	 * Return a configured account.
	 * @param name {@value #DEFAULT} or the name of a {@code sendpulse.accounts.<name>}
	 * account
	 * @return the account
	 * @throws IllegalArgumentException if there is no account of that name (the message
	 * names it and the accounts there are)
	 */
	SendPulseAccount account(String name);

	/**
	 * Return the names of the configured accounts, {@value #DEFAULT} first.
	 * @return the names
	 */
	Set<String> names();

	/**
	 * Return an account for an API key the application holds, tagged {@value #RUNTIME} in
	 * metrics. Its defaults are the top-level {@code sendpulse.*} ones, unless the key is
	 * that of a configured account, whose rate limiter it then shares. Accounts are
	 * cached by key: asking again is cheap.
	 * @param apiKey the API key; leading and trailing white space is ignored
	 * @return the account
	 * @throws IllegalArgumentException if the key is blank or could not be sent in a
	 * header (the message never shows the key)
	 */
	SendPulseAccount forApiKey(String apiKey);

	/**
	 * Return an account for an API key the application holds, tagged with the given name
	 * in metrics. The name becomes a metric tag value: keep the number of names small (a
	 * plan or a region, not a tenant id), and never pass the key in its place.
	 * @param apiKey the API key; leading and trailing white space is ignored
	 * @param name the account's name: letters, digits, '-' and '_', not {@value #DEFAULT}
	 * nor a configured account's name
	 * @return the account
	 * @throws IllegalArgumentException if the key is blank or could not be sent in a
	 * header, or the name breaks its rule (the message never shows the key)
	 */
	SendPulseAccount forApiKey(String apiKey, String name);

	/**
	 * Return the SMS template of a configured account.
	 * @param name the account's name
	 * @return the template
	 * @throws IllegalArgumentException if there is no account of that name
	 */
	default SmsTemplate sms(String name) {
		return account(name).sms();
	}

	/**
	 * Return the voice template of a configured account.
	 * @param name the account's name
	 * @return the template
	 * @throws IllegalArgumentException if there is no account of that name
	 */
	default VoiceTemplate voice(String name) {
		return account(name).voice();
	}

	/**
	 * Return the verification template of a configured account.
	 * @param name the account's name
	 * @return the template
	 * @throws IllegalArgumentException if there is no account of that name
	 */
	default VerifyTemplate verify(String name) {
		return account(name).verify();
	}

}
