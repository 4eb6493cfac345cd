package io.sendpulse.spring.test;

import java.net.URI;

import org.jspecify.annotations.Nullable;

/**
 * A webhook the sandbox posted (or is still trying to post), as it stands when
 * {@link SendPulseSandbox#webhooks()} was called.
 *
 * @param event the event, such as {@code sms.delivered}
 * @param target where it was posted, or {@code null} when there was nowhere to post it
 * @param body the signed JSON body, exactly as sent
 * @param attempts how many times it was posted
 * @param status the HTTP status of the last attempt, {@code 0} when no response came
 * @param delivered whether the application accepted it (answered 2xx)
 */
public record WebhookDelivery(String event, @Nullable URI target, String body, int attempts, int status,
		boolean delivered) {

	/**
	 * The delivery without its body, which holds a phone number, nor the target's query,
	 * which may hold a token.
	 * @return a description
	 */
	@Override
	public String toString() {
		URI target = this.target;
		// Host and port only: the authority may carry a user and password.
		String where = (target != null) ? target.getScheme() + "://" + target.getHost()
				+ ((target.getPort() != -1) ? ":" + target.getPort() : "")
				+ ((target.getRawPath() != null) ? target.getRawPath() : "") : "nowhere";
		return "WebhookDelivery[event=" + this.event + ", target=" + where + ", body=(" + this.body.length()
				+ " characters), attempts=" + this.attempts + ", status=" + this.status + ", delivered="
				+ this.delivered + "]";
	}

}
