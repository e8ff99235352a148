package io.github.credentialprocess;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Drains a process's stderr to its end, so the process never blocks on a full pipe, and keeps only
 * the last {@value #TAIL_BYTES} bytes for error messages.
 */
final class StderrTail implements Runnable {

	static final int TAIL_BYTES = 1024;

	private final InputStream stderr;

	private final byte[] ring = new byte[TAIL_BYTES];

	private long total;

	StderrTail(InputStream stderr) {
		this.stderr = stderr;
	}

	@Override
	public void run() {
		byte[] chunk = new byte[4096];
		try (this.stderr) {
			int read;
			while ((read = this.stderr.read(chunk)) != -1) {
				append(chunk, read);
			}
		}
		catch (IOException ex) {
			// The pipe breaks when the process tree is killed; the tail read so far is kept.
		}
	}

	private synchronized void append(byte[] chunk, int count) {
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
	synchronized String text() {
		int kept = (int) Math.min(this.total, TAIL_BYTES);
		byte[] tail = new byte[kept];
		long first = this.total - kept;
		for (int i = 0; i < kept; i++) {
			tail[i] = this.ring[(int) ((first + i) % TAIL_BYTES)];
		}
		String text = new String(tail, StandardCharsets.UTF_8).strip();
		StringBuilder safe = new StringBuilder(text.length());
		text.codePoints().forEach((c) -> safe.appendCodePoint(Character.isISOControl(c) && c != '\n' ? ' ' : c));
		return safe.toString().replace("\n", " | ");
	}

}
