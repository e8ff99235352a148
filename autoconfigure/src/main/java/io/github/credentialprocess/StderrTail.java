package io.github.credentialprocess;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a process's stderr, so the process never blocks on a full pipe, passes every byte to the
 * {@link StderrLog} that logs it line by line, and keeps only the last {@value #TAIL_BYTES} bytes
 * for error messages.
 */
final class StderrTail extends PipeDrain {

	static final int TAIL_BYTES = 1024;

	private final byte[] ring = new byte[TAIL_BYTES];

	private final StderrLog log;

	private long total;

	StderrTail(InputStream stderr, StderrLog log) {
		super(stderr);
		this.log = log;
	}

	@Override
	void append(byte[] chunk, int count) {
		this.log.accept(chunk, 0, count);
		// Only the last TAIL_BYTES of a chunk can survive; skip the rest without copying it.
		int start = Math.max(0, count - TAIL_BYTES);
		this.total += start;
		for (int i = start; i < count; i++) {
			this.ring[(int) (this.total++ % TAIL_BYTES)] = chunk[i];
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
		return String.join(" | ", text.lines().map(StderrLog::printable).toList());
	}

}
