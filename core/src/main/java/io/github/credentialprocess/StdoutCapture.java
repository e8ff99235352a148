package io.github.credentialprocess;

import java.io.InputStream;
import java.util.Arrays;

/**
 * Collects a process's stdout into a buffer of at most {@code limit} bytes. It only ever reads
 * what is already in the pipe, so it never blocks; and it stops at the first byte past the limit,
 * so a process that writes without end costs no more memory than the limit.
 */
final class StdoutCapture extends PipeDrain {

	private final int limit;

	/** Learns what is printed the moment it is drained, for the stderr lines that follow. */
	private final Redactor redactor;

	private byte[] buffer = new byte[1024];

	private int length;

	private boolean overflowed;

	StdoutCapture(InputStream stdout, int limit, Redactor redactor) {
		super(stdout);
		this.limit = limit;
		this.redactor = redactor;
	}

	@Override
	boolean wantsMore() {
		return !this.overflowed;
	}

	@Override
	void append(byte[] chunk, int count) {
		this.redactor.learnPrinted(chunk, 0, count);
		if (this.length + count > this.limit) {
			this.overflowed = true;
			return;
		}
		if (this.length + count > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer,
					Math.min(this.limit, Math.max(this.length + count, this.buffer.length * 2)));
		}
		System.arraycopy(chunk, 0, this.buffer, this.length, count);
		this.length += count;
	}

	boolean overflowed() {
		return this.overflowed;
	}

	/**
	 * The bytes read so far.
	 */
	byte[] bytes() {
		return Arrays.copyOf(this.buffer, this.length);
	}

}
