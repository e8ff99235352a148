package io.github.credentialprocess;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The string values a helper prints on stdout, learned as its output is drained rather than when
 * the run ends: a helper may echo its credentials to stderr a moment after printing them, and the
 * live stderr log must already know them. Reads JSON string literals in whatever has arrived, one
 * byte at a time, so that a value cut between two reads is still read whole; a string still open
 * counts as a value too. Learns at most {@value #MAX_CHARACTERS} characters, from the first
 * {@value #MAX_BYTES} bytes: the credential_process JSON is a few kilobytes, and a flood of output
 * must not become a flood of work.
 */
final class PrintedValues {

	static final int MAX_CHARACTERS = 64 * 1024;

	static final int MAX_BYTES = 1024 * 1024;

	private int scanned;

	private final List<String> values = new ArrayList<>();

	private final ByteArrayOutputStream current = new ByteArrayOutputStream();

	private boolean inString;

	private boolean escaped;

	private int learned;

	private int version;

	/** Takes bytes as they are drained from stdout. */
	void accept(byte[] bytes, int offset, int length) {
		int end = offset + Math.min(length, Math.max(0, MAX_BYTES - this.scanned));
		this.scanned += end - offset;
		for (int i = offset; i < end && this.learned < MAX_CHARACTERS; i++) {
			byte b = bytes[i];
			if (!this.inString) {
				if (b == '"') {
					this.inString = true;
					this.current.reset();
				}
				continue;
			}
			this.version++;
			if (this.escaped) {
				this.escaped = false;
				this.current.write(b);
			}
			else if (b == '\\') {
				this.escaped = true;
				this.current.write(b);
			}
			else if (b == '"') {
				this.inString = false;
				String value = unescape(this.current.toString(StandardCharsets.UTF_8));
				this.learned += value.length();
				this.values.add(value);
			}
			else {
				this.current.write(b);
			}
		}
	}

	/** Changes whenever {@link #values()} would. */
	int version() {
		return this.version;
	}

	/** Every string value read so far, and the one being read. */
	List<String> values() {
		List<String> all = new ArrayList<>(this.values);
		if (this.inString && this.current.size() > 0) {
			all.add(unescape(this.current.toString(StandardCharsets.UTF_8)));
		}
		return all;
	}

	/** A JSON string's text with its escapes resolved; an escape cut short is kept as written. */
	static String unescape(String literal) {
		if (literal.indexOf('\\') < 0) {
			return literal;
		}
		StringBuilder text = new StringBuilder(literal.length());
		int i = 0;
		while (i < literal.length()) {
			char c = literal.charAt(i);
			if (c != '\\' || i + 1 >= literal.length()) {
				text.append(c);
				i++;
				continue;
			}
			char next = literal.charAt(i + 1);
			switch (next) {
				case 'n' -> text.append('\n');
				case 'r' -> text.append('\r');
				case 't' -> text.append('\t');
				case 'b' -> text.append('\b');
				case 'f' -> text.append('\f');
				case 'u' -> {
					if (i + 6 <= literal.length() && literal.substring(i + 2, i + 6).matches("[0-9A-Fa-f]{4}")) {
						text.append((char) Integer.parseInt(literal.substring(i + 2, i + 6), 16));
						i += 4;
					}
					else {
						text.append("\\u");
					}
				}
				default -> text.append(next);
			}
			i += 2;
		}
		return text.toString();
	}

}
