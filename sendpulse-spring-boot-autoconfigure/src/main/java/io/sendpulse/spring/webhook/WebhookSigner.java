package io.sendpulse.spring.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.util.Assert;

/**
 * Signs webhook bodies as SendPulse does: the {@code X-Signature} header is the lowercase hex
 * HMAC-SHA256 of the raw body bytes, keyed with the secret's UTF-8 bytes. Use it in tests to
 * send your endpoint a webhook it accepts:
 * <pre>{@code
 * byte[] body = "{\"event\":\"sms.delivered\",…}".getBytes(StandardCharsets.UTF_8);
 * String signature = new WebhookSigner("my-secret").sign(body);
 * }</pre>
 * Thread-safe.
 */
public final class WebhookSigner {

	/** The header SendPulse puts the signature in. */
	public static final String SIGNATURE_HEADER = "X-Signature";

	private static final String ALGORITHM = "HmacSHA256";

	private final SecretKeySpec key;

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
		try {
			Mac mac = Mac.getInstance(ALGORITHM);
			mac.init(this.key);
			return mac.doFinal(body);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HmacSHA256 is not available", ex);
		}
	}

	@Override
	public String toString() {
		return "WebhookSigner[secret=(hidden)]";
	}

}
