package io.sendpulse.spring.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Signs webhook bodies as SendPulse does: the {@code X-Signature} header is the lowercase
 * hex HMAC-SHA256 of the raw body bytes, keyed with the secret's UTF-8 bytes. Use it in
 * tests to send your endpoint a webhook it accepts:
 * <p>
 * <pre class="code">
 * byte[] body = "{\"event\":\"sms.delivered\",…}".getBytes(StandardCharsets.UTF_8);
 * String signature = new WebhookSigner("my-secret").sign(body);
 * </pre>
 * <p>
 * Thread-safe.
 */
public final class WebhookSigner {

	/** The header SendPulse puts the signature in. */
	public static final String SIGNATURE_HEADER = "X-Signature";

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

	// Initialised at the first signature and cloned per call: cheaper than a provider
	// lookup and key setup each time. Not at construction: the JDK's security providers
	// take tens of milliseconds to load, which an application's start would pay.
	private volatile @Nullable Mac prototype;

	/**
	 * Create a signer.
	 * @param secret the webhook secret
	 */
	public WebhookSigner(String secret) {
		Assert.hasLength(secret, "secret must not be empty");
		this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
	}

	/**
	 * Sign a body.
	 * @param body the raw body bytes, exactly as sent
	 * @return the signature, lowercase hex
	 */
	public String sign(byte[] body) {
		return HexFormat.of().formatHex(hmac(body));
	}

	byte[] hmac(byte[] body) {
		return mac().doFinal(body);
	}

	private Mac mac() {
		Mac prototype = this.prototype;
		if (prototype == null) {
			// Two threads may both make one: either does.
			prototype = newMac();
			this.prototype = prototype;
		}
		try {
			return (Mac) prototype.clone();
		}
		catch (CloneNotSupportedException ex) {
			// A provider whose Mac cannot be cloned: a fresh instance is slower but
			// correct.
			return newMac();
		}
	}

	private Mac newMac() {
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	@Override
	public String toString() {
		return "WebhookSigner[secret=(hidden)]";
	}

}
