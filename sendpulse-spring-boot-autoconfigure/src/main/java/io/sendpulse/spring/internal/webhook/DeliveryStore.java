package io.sendpulse.spring.internal.webhook;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Where {@link WebhookProcessor}s remember the deliveries they claimed, so that a
 * delivery is published once: in this JVM ({@link InMemoryDeliveryStore}) or shared by
 * every instance (in Redis). One store serves any number of processors, each in its own
 * namespace (a hash of its account's API key), so identical bodies sent to two accounts
 * are two deliveries.
 */
public interface DeliveryStore {

	/**
	 * Claim a delivery unless an identical one claimed it first, atomically: of identical
	 * deliveries arriving together, exactly one is claimed. The returned future always
	 * completes (a store that cannot reach its backend falls back to this instance's
	 * memory) and never holds a thread while it waits.
	 * @param namespace whose deliveries these are: the hex SHA-256 of the account's API
	 * key, see {@link #namespace(String)}
	 * @param fingerprint the body's fingerprint
	 * @param now the current time on the processor's clock
	 * @param expiry until when a published delivery is remembered: the event's timestamp
	 * plus the tolerance, after which the body is refused anyway
	 * @return the claim
	 */
	CompletableFuture<Claim> claim(String namespace, Fingerprint fingerprint, Instant now, Instant expiry);

	/**
	 * Return why the store could not be reached the last time it was asked, for the
	 * health: a store in this JVM always can.
	 * @return what failed, or {@code null} when its latest command was answered
	 */
	default @Nullable String unreachable() {
		return null;
	}

	/**
	 * The namespace of an account's deliveries: its name in the configuration
	 * ({@code default} for the top-level one), the same on every instance whatever API
	 * key or webhook secret each has while they are being rotated. Not the key's hash: an
	 * account's webhooks are the same deliveries whichever key its instances send with,
	 * and during a rolling rotation instances on the old and the new key would each
	 * publish them. Names are {@code [A-Za-z0-9_-]}, nothing secret.
	 * @param account the account's name
	 * @return the namespace
	 */
	static String namespace(String account) {
		return account;
	}

	private static byte[] sha256(byte[] bytes) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(bytes);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	/**
	 * A body's identity: its SHA-256, so that an entry holds 32 bytes whatever the body's
	 * size.
	 *
	 * @param first the hash's first 8 bytes
	 * @param second the hash's next 8 bytes
	 * @param third the hash's next 8 bytes
	 * @param fourth the hash's last 8 bytes
	 */
	record Fingerprint(long first, long second, long third, long fourth) {

		/**
		 * Fingerprint a body.
		 * @param body the raw body bytes
		 * @return its fingerprint
		 */
		public static Fingerprint of(byte[] body) {
			ByteBuffer buffer = ByteBuffer.wrap(sha256(body));
			return new Fingerprint(buffer.getLong(), buffer.getLong(), buffer.getLong(), buffer.getLong());
		}

		/**
		 * Return the hash as 64 lowercase hex digits.
		 * @return the hex form
		 */
		public String toHex() {
			HexFormat hex = HexFormat.of();
			return hex.toHexDigits(this.first) + hex.toHexDigits(this.second) + hex.toHexDigits(this.third)
					+ hex.toHexDigits(this.fourth);
		}

	}

	/**
	 * What a claim found: either the delivery is this one's to publish, and exactly one
	 * of {@link #published()} or {@link #failed()} must follow; or an identical delivery
	 * claimed it first, and {@link #first()} tells how that one ends.
	 */
	final class Claim {

		private final @Nullable CompletableFuture<Boolean> first;

		private final Runnable onPublished;

		private final Runnable onFailed;

		private Claim(@Nullable CompletableFuture<Boolean> first, Runnable onPublished, Runnable onFailed) {
			this.first = first;
			this.onPublished = onPublished;
			this.onFailed = onFailed;
		}

		/**
		 * A delivery claimed by the caller.
		 * @param onPublished what to do once its event was published
		 * @param onFailed what to do when it was not (a listener threw, no thread was
		 * free): forget it, so that its redelivery is published
		 * @return the claim
		 */
		public static Claim owned(Runnable onPublished, Runnable onFailed) {
			return new Claim(null, onPublished, onFailed);
		}

		/**
		 * A copy of a delivery claimed first elsewhere.
		 * @param first completes {@code true} when the first was published, {@code false}
		 * when it failed, exceptionally when the store cannot tell; it may take long, the
		 * processor bounds the wait
		 * @return the claim
		 */
		public static Claim copyOf(CompletableFuture<Boolean> first) {
			return new Claim(first, () -> {
			}, () -> {
			});
		}

		/**
		 * Whether the caller claimed the delivery and is to publish it.
		 * @return whether it is to publish
		 */
		public boolean isOwned() {
			return this.first == null;
		}

		/**
		 * Return how the identical delivery that claimed it first ends.
		 * @return {@code true} when it was published
		 */
		public CompletableFuture<Boolean> first() {
			Assert.state(this.first != null, "the delivery is claimed by the caller");
			return this.first;
		}

		/**
		 * Record that the claimed delivery's event was published.
		 */
		public void published() {
			this.onPublished.run();
		}

		/**
		 * Forget the claimed delivery, whose event was not published.
		 */
		public void failed() {
			this.onFailed.run();
		}

	}

}
