package io.sendpulse.spring.test.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One second of silence as an 8 kHz, 8-bit mono WAV file: what the sandbox serves at the
 * {@code recording_url} of its {@code call.recording} webhooks.
 */
final class SilentWav {

	private static final int SAMPLE_RATE = 8000;

	static final byte[] BYTES = create();

	private SilentWav() {
	}

	private static byte[] create() {
		byte[] samples = new byte[SAMPLE_RATE];
		// 8-bit PCM is unsigned: 128 is silence.
		Arrays.fill(samples, (byte) 0x80);
		ByteBuffer wav = ByteBuffer.allocate(44 + samples.length).order(ByteOrder.LITTLE_ENDIAN);
		wav.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + samples.length);
		wav.put("WAVE".getBytes(StandardCharsets.US_ASCII));
		wav.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1);
		wav.putInt(SAMPLE_RATE).putInt(SAMPLE_RATE).putShort((short) 1).putShort((short) 8);
		wav.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(samples.length).put(samples);
		return wav.array();
	}

}
