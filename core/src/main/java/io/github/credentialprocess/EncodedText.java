package io.github.credentialprocess;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Helper text as a reader decodes it, for {@link Redactor} to look for secrets in: a secret written
 * escaped or encoded is still the secret. Each character of the decoded view knows the characters
 * of the text it came from, so what is found in the view is masked in the text.
 * <ul>
 * <li>JSON and C escapes: <code>&#92;uXXXX</code>, {@code \xXX}, {@code \/}, {@code \\}, {@code \"}; the
 * escapes of control characters ({@code \n}, {@code \t} ...) read as a space, so a secret right
 * after one starts a word.</li>
 * <li>URL encoding: {@code %2B}, {@code %2F}, {@code %3D} and every other {@code %XX} of an ASCII
 * character.</li>
 * <li>Terminal colours and other ANSI escape sequences ({@code ESC[33m}) read as a space.</li>
 * <li>NUL characters are left out, so text written as UTF-16 reads as its characters.</li>
 * </ul>
 * Anything else reads as written.
 */
final class EncodedText {

	private static final char ESCAPE = '\u001b';

	private final String view;

	/** For each character of the view, where its source starts in the text. */
	private final int[] from;

	/** For each character of the view, where its source ends in the text. */
	private final int[] to;

	private EncodedText(String view, int[] from, int[] to) {
		this.view = view;
		this.from = from;
		this.to = to;
	}

	/**
	 * The text as decoded; {@code null} when it holds nothing to decode, so that the text itself is
	 * all there is to read.
	 */
	static EncodedText decode(String text) {
		if (!holdsEncoding(text)) {
			return null;
		}
		StringBuilder view = new StringBuilder(text.length());
		int[] from = new int[text.length()];
		int[] to = new int[text.length()];
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			int end = i + 1;
			char read = c;
			if (c == '\0') {
				i = end;
				continue;
			}
			if (c == ESCAPE) {
				end = escapeSequenceEnd(text, i);
				read = ' ';
			}
			else if (c == '\\' && i + 1 < text.length()) {
				char next = text.charAt(i + 1);
				int code = (next == 'u') ? hex(text, i + 2, 4) : (next == 'x') ? hex(text, i + 2, 2) : -1;
				if (code >= 0) {
					end = i + ((next == 'u') ? 6 : 4);
					read = readable((char) code);
				}
				else if ("nrtbfve0".indexOf(next) >= 0) {
					end = i + 2;
					read = ' ';
				}
				else if ("/\\\"'".indexOf(next) >= 0) {
					end = i + 2;
					read = next;
				}
			}
			else if (c == '%') {
				int code = hex(text, i + 1, 2);
				if (code >= 0 && code < 0x80) {
					end = i + 3;
					read = readable((char) code);
				}
			}
			from[view.length()] = i;
			to[view.length()] = end;
			view.append(read);
			i = end;
		}
		return new EncodedText(view.toString(), Arrays.copyOf(from, view.length()), Arrays.copyOf(to, view.length()));
	}

	/** The decoded text. */
	String view() {
		return this.view;
	}

	/**
	 * Marks in the text the characters that the marked characters of the view came from, and what
	 * was left out between two of them (the NULs of UTF-16), so that a secret stays one mask.
	 */
	void markSources(BitSet markedInView, BitSet markedInText) {
		for (int start = markedInView.nextSetBit(0); start >= 0; start = markedInView.nextSetBit(start)) {
			int end = markedInView.nextClearBit(start);
			markedInText.set(this.from[start], this.to[end - 1]);
			start = end;
		}
	}

	private static boolean holdsEncoding(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' || c == '%' || c == ESCAPE || c == '\0') {
				return true;
			}
		}
		return false;
	}

	/** A control character reads as a space: it separates words as a space does. */
	private static char readable(char c) {
		return Character.isISOControl(c) ? ' ' : c;
	}

	/** The value of {@code digits} hexadecimal digits at {@code start}; -1 when they are not there. */
	private static int hex(String text, int start, int digits) {
		if (start + digits > text.length()) {
			return -1;
		}
		int value = 0;
		for (int i = start; i < start + digits; i++) {
			int digit = Character.digit(text.charAt(i), 16);
			if (digit < 0) {
				return -1;
			}
			value = value * 16 + digit;
		}
		return value;
	}

	/**
	 * Where an ANSI escape sequence starting at {@code start} ends: a control sequence
	 * ({@code ESC [}, parameters, a final byte), an escape with intermediate bytes and a final one
	 * ({@code ESC ( B}), or the escape and the one character after it.
	 */
	private static int escapeSequenceEnd(String text, int start) {
		int i = start + 1;
		if (i < text.length() && text.charAt(i) == '[') {
			i = skip(text, i + 1, 0x20, 0x3f);
			// The final byte, @ to ~, ends the sequence; anything else ends it where it stands.
			return (i < text.length() && text.charAt(i) >= 0x40 && text.charAt(i) <= 0x7e) ? i + 1 : i;
		}
		i = skip(text, i, 0x20, 0x2f);
		return Math.min(i + 1, text.length());
	}

	/** Where the characters from {@code start} that lie between {@code low} and {@code high} end. */
	private static int skip(String text, int start, int low, int high) {
		int i = start;
		while (i < text.length() && text.charAt(i) >= low && text.charAt(i) <= high) {
			i++;
		}
		return i;
	}

}
