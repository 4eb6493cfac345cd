package io.sendpulse.spring.internal.accounts;

import io.sendpulse.spring.accounts.SendPulseAccount;
import io.sendpulse.spring.sms.SmsTemplate;
import io.sendpulse.spring.verify.VerifyTemplate;
import io.sendpulse.spring.voice.VoiceTemplate;

/**
 * An account's templates.
 *
 * @param name the account's name
 * @param sms its SMS template
 * @param voice its voice template
 * @param verify its verification template
 */
public record DefaultSendPulseAccount(String name, SmsTemplate sms, VoiceTemplate voice,
		VerifyTemplate verify) implements SendPulseAccount {

	@Override
	public String toString() {
		return "SendPulseAccount[name=" + this.name + "]";
	}

}
