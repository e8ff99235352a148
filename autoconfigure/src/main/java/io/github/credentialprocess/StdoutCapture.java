package io.github.credentialprocess;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Collects a process's stdout into a buffer of at most {@code limit} bytes. It only ever reads
 * what is already in the pipe, so it never blocks; and it stops at the first byte past the limit,
 * so a process that writes without end costs no more memory than the limit.
 */
final class StdoutCapture {

	private final InputStream stdout;

	private final int limit;

	/**
	 * Bounds one drain, so that a process writing without pause cannot keep the caller in here,
	 * away from its timeout check.
	 */
	private static final int MAX_BYTES_PER_DRAIN = 1024 * 1024;

	private final byte[] chunk = new byte[8192];

	private byte[] buffer = new byte[1024];

	private int length;

	private boolean overflowed;

	StdoutCapture(InputStream stdout, int limit) {
		this.stdout = stdout;
		this.limit = limit;
	}

	/**
	 * Reads everything stdout holds right now, without waiting for more.
	 * @return how many bytes were read
	 */
	int drainAvailable() throws IOException {
		int read = 0;
		int budget = MAX_BYTES_PER_DRAIN;
		int available;
		while (budget > 0 && !this.overflowed && (available = this.stdout.available()) > 0) {
			int count = this.stdout.read(this.chunk, 0, Math.min(available, this.chunk.length));
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
		if (this.length + count > this.limit) {
			this.overflowed = true;
			return;
		}
		if (this.length + count > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer,
					Math.min(this.limit, Math.max(this.length + count, this.buffer.length * 2)));
		}
		System.arraycopy(this.chunk, 0, this.buffer, this.length, count);
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
