package io.github.credentialprocess;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each line a helper writes to stderr while it runs, so that a prompt meant for a person
 * ("Open https://device.sso... and enter the code ABCD-EFGH", "Enter MFA code") reaches them while
 * the helper waits, under the logger {@value #LOGGER_NAME}, which can be silenced on its own.
 * <ul>
 * <li>A fast, successful run's lines are noise: lines are held for the first
 * {@value #HOLD_MILLIS} ms of a run and logged at DEBUG when the run succeeds within that time.</li>
 * <li>A run still going after that logs its held lines, and every later line as it arrives, at
 * INFO; a run that fails logs its held lines at WARN.</li>
 * <li>Every line goes through the run's {@link Redactor} when it is logged, not when it arrives, so
 * a held line is masked with all the run has learned by then; it is masked whole and only then has
 * its control characters replaced and is cut at {@value #MAX_LINE_CHARACTERS} characters. A line is
 * read up to {@value #MAX_LINE_BYTES} bytes and the redactor's margin past them, so that a secret
 * that starts in view is seen whole. At most {@value #MAX_LINES} lines of a run are logged, and a
 * last line says how many more were not.</li>
 * </ul>
 */
final class StderrLog {

	static final String LOGGER_NAME = "io.github.credentialprocess.stderr";

	static final long HOLD_MILLIS = 750;

	static final int MAX_LINES = 50;

	static final int MAX_LINE_CHARACTERS = 500;

	/** Enough bytes for {@value #MAX_LINE_CHARACTERS} characters of any script. */
	static final int MAX_LINE_BYTES = MAX_LINE_CHARACTERS * 4;

	private static final Logger logger = LoggerFactory.getLogger(LOGGER_NAME);

	private final String executableName;

	private final Redactor redactor;

	private final long startedNanos = System.nanoTime();

	/** The line being read; bytes past its limit are dropped and the line is marked as cut. */
	private final ByteArrayOutputStream partial = new ByteArrayOutputStream(256);

	private boolean partialPending;

	/** Lines read in the hold, as read: they are masked when they are logged. */
	private final List<Line> held = new ArrayList<>();

	private boolean partialCut;

	private boolean live;

	private int logged;

	private int dropped;

	StderrLog(String executableName, Redactor redactor) {
		this.executableName = executableName;
		this.redactor = redactor;
	}

	/** Takes bytes as they are drained from stderr. */
	void accept(byte[] bytes, int offset, int length) {
		int end = offset + length;
		int lineStart = offset;
		for (int i = offset; i < end; i++) {
			if (bytes[i] == '\n') {
				append(bytes, lineStart, i - lineStart);
				endLine();
				lineStart = i + 1;
			}
		}
		append(bytes, lineStart, end - lineStart);
	}

	private void append(byte[] bytes, int offset, int length) {
		if (this.logged >= MAX_LINES || length == 0) {
			// Past the cap, lines are only counted: a chatty helper costs a scan for newlines.
			return;
		}
		// Cut with a margin past the limit: what is kept past it is masked with the rest, never shown.
		int limit = MAX_LINE_BYTES + 4 * this.redactor.margin();
		int room = Math.max(0, limit - this.partial.size());
		if (length > room) {
			this.partialCut = true;
		}
		this.partial.write(bytes, offset, Math.min(length, room));
		this.partialPending = true;
	}

	/** Called each time the runner wakes: past the hold, held lines go out and later ones go at once. */
	void tick() {
		if (!this.live && System.nanoTime() - this.startedNanos >= HOLD_MILLIS * 1_000_000) {
			this.live = true;
			this.held.forEach((line) -> logger.info("{}", render(line)));
			this.held.clear();
		}
	}

	/**
	 * The run ended: what is still held goes out at DEBUG after a success, at WARN after a failure,
	 * masked with everything the run learned, the values it printed to stdout included. The last
	 * call a run makes.
	 * @param succeeded whether the process exited with code 0
	 * @return whether the run's lines were shown at INFO or WARN, where a failure's WARN is seen too,
	 * so that the failure's own line need not repeat them
	 */
	boolean finish(boolean succeeded) {
		if (this.partialPending) {
			endLine();
		}
		boolean warn = !succeeded && !this.live;
		this.held.forEach((line) -> log(warn, render(line)));
		if (this.dropped > 0) {
			String summary = "[" + this.executableName + "] " + this.dropped + " more stderr line(s) not logged (at most "
					+ MAX_LINES + " a run)";
			if (this.live) {
				logger.info("{}", summary);
			}
			else {
				log(warn, summary);
			}
		}
		return this.logged > 0 && (this.live ? logger.isInfoEnabled() : (warn && logger.isWarnEnabled()));
	}

	private void log(boolean warn, String line) {
		if (warn) {
			logger.warn("{}", line);
		}
		else {
			logger.debug("{}", line);
		}
	}

	private void endLine() {
		if (this.logged >= MAX_LINES) {
			this.dropped++;
			return;
		}
		if (!this.partialPending) {
			// An empty line says nothing.
			return;
		}
		Line line = new Line(this.partial.toString(StandardCharsets.UTF_8), this.partialCut);
		this.partial.reset();
		this.partialCut = false;
		this.partialPending = false;
		this.logged++;
		if (this.live) {
			logger.info("{}", render(line));
		}
		else {
			this.held.add(line);
		}
	}

	/**
	 * A line as logged: masked whole, then cleaned, then cut. A line cut where reading stopped may
	 * end inside a secret that goes on past the cut, unrecognisable from its start; since masking
	 * shortens the text, that end could move into view. So the last margin of such a line is masked
	 * too: what is shown never comes from there.
	 */
	private String render(Line line) {
		String raw = line.text().stripTrailing();
		BitSet masked = this.redactor.mark(raw);
		if (line.cut()) {
			masked.set(Math.max(0, raw.length() - this.redactor.margin()), raw.length());
		}
		String text = printable(Redactor.render(raw, masked));
		boolean cut = line.cut();
		if (text.length() > MAX_LINE_CHARACTERS) {
			text = text.substring(0, MAX_LINE_CHARACTERS);
			cut = true;
		}
		return "[" + this.executableName + "] " + text + (cut ? " [cut]" : "");
	}

	/** Control characters replaced, so that a helper cannot forge log lines. */
	static String printable(String text) {
		StringBuilder safe = new StringBuilder(text.length());
		text.codePoints()
			.forEach((c) -> safe.appendCodePoint(
					(Character.isISOControl(c) || c == '\u2028' || c == '\u2029') ? ' ' : c));
		return safe.toString();
	}

	/** A line of stderr as read, and whether bytes past its limit were dropped. */
	private record Line(String text, boolean cut) {

		@Override
		public String toString() {
			return "Line[" + this.text.length() + " characters, not shown]";
		}

	}

}
