package io.github.credentialprocess;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * Drains a process's stderr, so the process never blocks on a full pipe, passes every byte to the
 * {@link StderrLog} that logs it line by line, and keeps the end of it for error messages.
 */
final class StderrTail extends PipeDrain {

	static final int TAIL_BYTES = 1024;

	/**
	 * How much is kept raw: secrets are masked in this window before it is cut to the tail, so a
	 * secret that straddles the start of the tail, or spans lines, is still recognised.
	 */
	private static final int RAW_BYTES = 8 * TAIL_BYTES;

	/** Said instead of a window that holds only the end of one long line. */
	static final String UNREADABLE_LINE = "[the end of a line longer than 8 KiB, not shown]";

	private final byte[] ring = new byte[RAW_BYTES];

	private final StderrLog log;

	private long total;

	StderrTail(InputStream stderr, StderrLog log) {
		super(stderr);
		this.log = log;
	}

	@Override
	void append(byte[] chunk, int count) {
		this.log.accept(chunk, 0, count);
		// Only the last RAW_BYTES of a chunk can survive; skip the rest without copying it.
		int start = Math.max(0, count - RAW_BYTES);
		this.total += start;
		for (int i = start; i < count; i++) {
			this.ring[(int) (this.total++ % RAW_BYTES)] = chunk[i];
		}
	}

	/**
	 * The last {@value #TAIL_BYTES} characters of stderr, decoded leniently, with secrets masked
	 * first (in the whole window kept, before it is cut or split into lines) and control characters
	 * replaced, so that the text can neither show a secret nor forge log lines. When the window does
	 * not hold all of stderr, its first line may begin inside a secret, or between a secret's name
	 * and its value: that line is never shown, and a window without a line break not at all.
	 * @param redactor the run's gate
	 */
	String text(Redactor redactor) {
		int kept = (int) Math.min(this.total, RAW_BYTES);
		byte[] raw = new byte[kept];
		long first = this.total - kept;
		for (int i = 0; i < kept; i++) {
			raw[i] = this.ring[(int) ((first + i) % RAW_BYTES)];
		}
		String window = new String(raw, StandardCharsets.UTF_8);
		BitSet masked = redactor.mark(window);
		if (first > 0) {
			int lineBreak = window.indexOf('\n');
			if (lineBreak < 0) {
				// All of the window is the end of one line, whose start (a name, an opening quote) is gone.
				return UNREADABLE_LINE;
			}
			masked.set(0, lineBreak + 1);
		}
		String text = Redactor.render(window, masked);
		if (first > 0 && text.startsWith(Redactor.MASK)) {
			// The part not shown is not a secret to announce.
			text = text.substring(Redactor.MASK.length());
		}
		text = text.strip();
		String tail = text.substring(Math.max(0, text.length() - TAIL_BYTES));
		return String.join(" | ", tail.lines().map(StderrLog::printable).toList());
	}

}
