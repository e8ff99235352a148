package io.github.credentialprocess;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads what one of a process's output pipes holds right now, and never more: a read never blocks,
 * so a background child that keeps the pipe open cannot hold the caller. What is read goes to
 * {@link #append(byte[], int)}; a subclass decides what to keep.
 */
abstract class PipeDrain {

	/**
	 * Bounds one drain, so that a process writing without pause cannot keep the caller in here,
	 * away from its timeout check.
	 */
	private static final int MAX_BYTES_PER_DRAIN = 1024 * 1024;

	private final InputStream pipe;

	private final byte[] chunk = new byte[8192];

	PipeDrain(InputStream pipe) {
		this.pipe = pipe;
	}

	/**
	 * Reads everything the pipe holds right now, up to 1 MiB, without waiting for more.
	 * @return how many bytes were read
	 */
	final int drainAvailable() throws IOException {
		int read = 0;
		int available;
		while (read < MAX_BYTES_PER_DRAIN && wantsMore() && (available = this.pipe.available()) > 0) {
			int count = this.pipe.read(this.chunk, 0, Math.min(available, this.chunk.length));
			if (count <= 0) {
				break;
			}
			append(this.chunk, count);
			read += count;
		}
		return read;
	}

	/** Whether to go on reading; a subclass that has seen enough says no. */
	boolean wantsMore() {
		return true;
	}

	/** Takes the first {@code count} bytes of {@code chunk}, which is reused by the next read. */
	abstract void append(byte[] chunk, int count);

}
