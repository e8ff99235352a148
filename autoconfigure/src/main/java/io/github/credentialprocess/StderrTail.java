package io.github.credentialprocess;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a process's stderr, so the process never blocks on a full pipe, passes every byte to the
 * {@link StderrLog} that logs it line by line, and keeps only the last {@value #TAIL_BYTES} bytes
 * for error messages. Like {@link StdoutCapture} it only reads what the
 * pipe holds, so it never blocks.
 */
final class StderrTail {

	static final int TAIL_BYTES = 1024;

	private final InputStream stderr;

	/**
	 * Bounds one drain, so that a process writing without pause cannot keep the caller in here,
	 * away from its timeout check.
	 */
	private static final int MAX_BYTES_PER_DRAIN = 1024 * 1024;

	private final byte[] chunk = new byte[8192];

	private final byte[] ring = new byte[TAIL_BYTES];

	private long total;

	private final StderrLog log;

	StderrTail(InputStream stderr, StderrLog log) {
		this.stderr = stderr;
		this.log = log;
	}

	/**
	 * Reads everything stderr holds right now, without waiting for more.
	 * @return how many bytes were read
	 */
	int drainAvailable() throws IOException {
		int read = 0;
		int budget = MAX_BYTES_PER_DRAIN;
		int available;
		while (budget > 0 && (available = this.stderr.available()) > 0) {
			int count = this.stderr.read(this.chunk, 0, Math.min(available, this.chunk.length));
			if (count <= 0) {
				return read;
			}
			append(count);
			budget -= count;
			read += count;
		}
		return read;
	}

	private void append(int count) {
		this.log.accept(this.chunk, 0, count);
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
