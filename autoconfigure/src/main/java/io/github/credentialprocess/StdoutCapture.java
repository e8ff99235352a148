package io.github.credentialprocess;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a process's stdout into a buffer of at most {@code limit} bytes. Reading stops at the
 * first byte past the limit, so a process that writes without end costs no more memory than the
 * limit; the caller then kills it.
 */
final class StdoutCapture implements Runnable {

	private static final int CHUNK = 4096;

	private final InputStream stdout;

	private final int limit;

	private byte[] buffer = new byte[CHUNK];

	private int length;

	private boolean overflowed;

	StdoutCapture(InputStream stdout, int limit) {
		this.stdout = stdout;
		this.limit = limit;
	}

	@Override
	public void run() {
		byte[] chunk = new byte[CHUNK];
		try (this.stdout) {
			int read;
			while ((read = this.stdout.read(chunk)) != -1) {
				if (!append(chunk, read)) {
					return;
				}
			}
		}
		catch (IOException ex) {
			// The pipe breaks when the process tree is killed; what was read is kept.
		}
	}

	private synchronized boolean append(byte[] chunk, int count) {
		if (this.length + count > this.limit) {
			this.overflowed = true;
			return false;
		}
		if (this.length + count > this.buffer.length) {
			this.buffer = Arrays.copyOf(this.buffer, Math.min(this.limit, Math.max(this.length + count, this.buffer.length * 2)));
		}
		System.arraycopy(chunk, 0, this.buffer, this.length, count);
		this.length += count;
		return true;
	}

	synchronized boolean overflowed() {
		return this.overflowed;
	}

	/**
	 * The bytes read so far.
	 */
	synchronized byte[] bytes() {
		return Arrays.copyOf(this.buffer, this.length);
	}

}
