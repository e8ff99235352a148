package io.github.credentialprocess;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a process's stderr, so the process never blocks on a full pipe, and keeps only the last
 * {@value #TAIL_BYTES} bytes for error messages. Like {@link StdoutCapture} it only reads what the
 * pipe holds, so it never blocks.
 */
final class StderrTail {

	static final int TAIL_BYTES = 1024;

	private final InputStream stderr;

	private final byte[] chunk = new byte[8192];

	private final byte[] ring = new byte[TAIL_BYTES];

	private long total;

	StderrTail(InputStream stderr) {
		this.stderr = stderr;
	}

	/**
	 * Reads everything stderr holds right now, without waiting for more.
	 */
	void drainAvailable() throws IOException {
		int available;
		while ((available = this.stderr.available()) > 0) {
			int read = this.stderr.read(this.chunk, 0, Math.min(available, this.chunk.length));
			if (read <= 0) {
				return;
			}
			append(read);
		}
	}

	private void append(int count) {
		// Only the last TAIL_BYTES of a chunk can survive; skip the rest without copying it.
		int start = Math.max(0, count - TAIL_BYTES);
		this.total += start;
		for (int i = start; i < count; i++) {
			this.ring[(int) (this.total++ % TAIL_BYTES)] = this.chunk[i];
		}
	}

	/**
	 * The last bytes of stderr, decoded leniently, with control characters replaced so that the
	 * text cannot forge log lines.
	 */
	String text() {
		int kept = (int) Math.min(this.total, TAIL_BYTES);
		byte[] tail = new byte[kept];
		long first = this.total - kept;
		for (int i = 0; i < kept; i++) {
			tail[i] = this.ring[(int) ((first + i) % TAIL_BYTES)];
		}
		String text = new String(tail, StandardCharsets.UTF_8).strip();
		StringBuilder safe = new StringBuilder(text.length());
		text.codePoints().forEach((c) -> safe.appendCodePoint((Character.isISOControl(c) && c != '\n') ? ' ' : c));
		return safe.toString().replace("\n", " | ");
	}

}
