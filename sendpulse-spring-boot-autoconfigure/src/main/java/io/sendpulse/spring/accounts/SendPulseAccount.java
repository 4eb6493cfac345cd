package io.sendpulse.spring.accounts;

import io.sendpulse.spring.sms.SmsTemplate;
import io.sendpulse.spring.verify.VerifyTemplate;
import io.sendpulse.spring.voice.VoiceTemplate;

/**
 * One SendPulse account: the templates that send with its API key, its defaults
 * ({@code sms.from}, {@code voice.from}, {@code verify.*}) and under its key's rate
 * limit. Its {@link #toString()} never shows the key.
 *
 * @see SendPulseAccounts
 */
public interface SendPulseAccount {

	/**
	 * Return the account's name: {@code default} for the top-level account, the
	 * configured name of a {@code sendpulse.accounts.<name>} account, or the name given
	 * to a run-time account ({@code runtime} unless one was given). Metrics and
	 * observations carry it as their {@code account} tag.
	 * @return the name
	 */
	String name();

	/**
	 * Return the account's SMS template.
	 * @return the template
	 */
	SmsTemplate sms();

	/**
	 * Return the account's voice template.
	 * @return the template
	 */
	VoiceTemplate voice();

	/**
	 * Return the account's verification template.
	 * @return the template
	 */
	VerifyTemplate verify();

}
