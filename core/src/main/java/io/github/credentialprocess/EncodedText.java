package io.github.credentialprocess;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Helper text as a reader decodes it, for {@link Redactor} to look for secrets in: a secret written
 * escaped or encoded is still the secret. Each character of a decoded view knows the characters of
 * the text it came from, so what is found in the view is masked in the text.
 * <ul>
 * <li>JSON and C escapes: <code>&#92;uXXXX</code>, {@code \xXX} (bytes of UTF-8), {@code \/},
 * {@code \\}, {@code \"}; {@code \n}, {@code \t} and the other escapes of control characters read
 * as those characters, so a secret right after one starts a word and a value holding a tab is
 * found.</li>
 * <li>URL encoding: {@code %2B}, {@code %2F}, and every {@code %XX} run of UTF-8 bytes; HTML
 * character references ({@code &#43;}, {@code &#x2F;}, {@code &amp;} ...).</li>
 * <li>NUL characters and zero-width characters are left out, so text written as UTF-16 reads as its
 * characters and an invisible character cannot split a secret.</li>
 * <li>ANSI escape sequences (terminal colours): read three ways, each its own view, since a secret
 * may sit right against one or be split by one: as a space, as nothing, and as the log shows them
 * (the escape character a space, the rest as written).</li>
 * </ul>
 * Each view is decoded again until nothing changes (at most {@value #MAX_LAYERS} times), so a double
 * URL encoding, or UTF-16 of URL-encoded text, is read too. Anything else reads as written.
 */
final class EncodedText {

	private static final char ESCAPE = '\u001b';

	private static final int MAX_LAYERS = 3;

	/** How an ANSI escape sequence reads. */
	private enum Sequences {

		AS_SPACE, AS_NOTHING, AS_SHOWN

	}

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
	 * The text as decoded, one view for each way an escape sequence may read, without duplicates;
	 * empty when the text holds nothing to decode, so that the text itself is all there is to read.
	 */
	static List<EncodedText> views(String text) {
		if (!holdsEncoding(text)) {
			return List.of();
		}
		boolean sequences = text.indexOf(ESCAPE) >= 0;
		Set<String> seen = new LinkedHashSet<>();
		List<EncodedText> views = new ArrayList<>();
		for (Sequences mode : sequences ? Sequences.values() : new Sequences[] { Sequences.AS_SPACE }) {
			EncodedText decoded = decodeFully(text, mode);
			if (!decoded.view.equals(text) && seen.add(decoded.view)) {
				views.add(decoded);
			}
		}
		return views;
	}

	/** The decoded text. */
	String view() {
		return this.view;
	}

	/**
	 * Marks in the text the characters that the marked characters of the view came from, and what
	 * was left out between two of them (the NULs of UTF-16, a colour code), so that a secret stays
	 * one mask.
	 */
	void markSources(BitSet markedInView, BitSet markedInText) {
		for (int start = markedInView.nextSetBit(0); start >= 0; start = markedInView.nextSetBit(start)) {
			int end = markedInView.nextClearBit(start);
			markedInText.set(this.from[start], this.to[end - 1]);
			start = end;
		}
	}

	private static EncodedText decodeFully(String text, Sequences mode) {
		EncodedText decoded = decodeOnce(text, mode);
		for (int layer = 1; layer < MAX_LAYERS && holdsEncoding(decoded.view); layer++) {
			EncodedText again = decodeOnce(decoded.view, mode);
			if (again.view.equals(decoded.view)) {
				break;
			}
			decoded = decoded.then(again);
		}
		return decoded;
	}

	/** This view decoded again: each character of the next view mapped through this one to the text. */
	private EncodedText then(EncodedText next) {
		int[] from = new int[next.view.length()];
		int[] to = new int[next.view.length()];
		for (int i = 0; i < next.view.length(); i++) {
			from[i] = this.from[next.from[i]];
			to[i] = this.to[next.to[i] - 1];
		}
		return new EncodedText(next.view, from, to);
	}

	private static EncodedText decodeOnce(String text, Sequences mode) {
		View view = new View(text.length());
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (c == '\0' || isZeroWidth(c)) {
				i++;
			}
			else if (c == ESCAPE) {
				int end = escapeSequenceEnd(text, i);
				if (mode == Sequences.AS_SPACE) {
					view.add(' ', i, end);
				}
				else if (mode == Sequences.AS_SHOWN) {
					view.add(' ', i, i + 1);
					end = i + 1;
				}
				i = end;
			}
			else if (c == '%' && hex(text, i + 1, 2) >= 0) {
				i = decodeBytes(text, i, '%', 1, view);
			}
			else if (c == '\\' && i + 1 < text.length() && text.charAt(i + 1) == 'x' && hex(text, i + 2, 2) >= 0) {
				i = decodeBytes(text, i, '\\', 2, view);
			}
			else if (c == '\\' && i + 1 < text.length()) {
				i = decodeBackslash(text, i, view);
			}
			else if (c == '&') {
				i = decodeReference(text, i, view);
			}
			else {
				view.add(c, i, i + 1);
				i++;
			}
		}
		return view.build();
	}

	private static int decodeBackslash(String text, int i, View view) {
		char next = text.charAt(i + 1);
		int code = (next == 'u') ? hex(text, i + 2, 4) : -1;
		if (code >= 0) {
			view.add((char) code, i, i + 6);
			return i + 6;
		}
		int control = "ntrbfve0".indexOf(next);
		if (control >= 0) {
			view.add("\n\t\r\b\f\u000b\u001b\0".charAt(control), i, i + 2);
			return i + 2;
		}
		if ("/\\\"'".indexOf(next) >= 0) {
			view.add(next, i, i + 2);
			return i + 2;
		}
		view.add('\\', i, i + 1);
		return i + 1;
	}

	/**
	 * A run of encoded bytes ({@code %C3%A4}, {@code \xc3\xa4}) read as UTF-8, each character mapped
	 * to the bytes it came from; bytes that are no UTF-8 read one character a byte.
	 * @param marker the character that starts each byte ({@code %} or {@code \})
	 * @param prefix how many characters come before the two hexadecimal digits
	 * @return where the run ends
	 */
	private static int decodeBytes(String text, int start, char marker, int prefix, View view) {
		List<Integer> starts = new ArrayList<>();
		int i = start;
		while (i + prefix + 2 <= text.length() && text.charAt(i) == marker
				&& (prefix == 1 || text.charAt(i + 1) == 'x') && hex(text, i + prefix, 2) >= 0) {
			starts.add(i);
			i += prefix + 2;
		}
		byte[] bytes = new byte[starts.size()];
		for (int b = 0; b < bytes.length; b++) {
			bytes[b] = (byte) hex(text, starts.get(b) + prefix, 2);
		}
		int width = prefix + 2;
		try {
			String decoded = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
			int b = 0;
			for (int c = 0; c < decoded.length(); c++) {
				int length = utf8Length(decoded, c);
				view.add(decoded.charAt(c), starts.get(b), starts.get(b) + length * width);
				if (!Character.isHighSurrogate(decoded.charAt(c))) {
					b += length;
				}
				else {
					// The low surrogate shares the high one's four bytes.
					view.add(decoded.charAt(++c), starts.get(b), starts.get(b) + 4 * width);
					b += 4;
				}
			}
		}
		catch (CharacterCodingException ex) {
			for (int b = 0; b < bytes.length; b++) {
				view.add((char) (bytes[b] & 0xff), starts.get(b), starts.get(b) + width);
			}
		}
		return i;
	}

	private static int utf8Length(String decoded, int index) {
		char c = decoded.charAt(index);
		return (c < 0x80) ? 1 : (c < 0x800) ? 2 : Character.isHighSurrogate(c) ? 4 : 3;
	}

	/** An HTML character reference: {@code &#43;}, {@code &#x2F;}, or one of the five named ones. */
	private static int decodeReference(String text, int i, View view) {
		// A reference is short: look no further, so that text full of '&' costs no more than any other.
		int semicolon = text.substring(i, Math.min(text.length(), i + 11)).indexOf(';') + i;
		if (semicolon > i + 1) {
			String name = text.substring(i + 1, semicolon);
			int code = -1;
			if (name.startsWith("#x") || name.startsWith("#X")) {
				code = hex(name, 2, name.length() - 2);
			}
			else if (name.startsWith("#") && name.length() > 1 && name.substring(1).chars().allMatch(Character::isDigit)) {
				code = Integer.parseInt(name.substring(1));
			}
			else {
				code = switch (name) {
					case "amp" -> '&';
					case "lt" -> '<';
					case "gt" -> '>';
					case "quot" -> '"';
					case "apos" -> '\'';
					default -> -1;
				};
			}
			if (code >= 0 && code <= Character.MAX_VALUE) {
				view.add((char) code, i, semicolon + 1);
				return semicolon + 1;
			}
		}
		view.add('&', i, i + 1);
		return i + 1;
	}

	private static boolean holdsEncoding(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '\\' || c == '%' || c == '&' || c == ESCAPE || c == '\0' || isZeroWidth(c)) {
				return true;
			}
		}
		return false;
	}

	/** Characters that show nothing: zero-width space, joiners, word joiner, byte order mark. */
	private static boolean isZeroWidth(char c) {
		return (c >= '\u200b' && c <= '\u200d') || c == '\u2060' || c == '\ufeff';
	}

	/** The value of {@code digits} hexadecimal digits at {@code start}; -1 when they are not there. */
	private static int hex(String text, int start, int digits) {
		if (digits <= 0 || digits > 6 || start + digits > text.length()) {
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

	/** A view being built, character by character, each with the range of the text it came from. */
	private static final class View {

		private final StringBuilder text;

		private int[] from;

		private int[] to;

		View(int capacity) {
			this.text = new StringBuilder(capacity);
			this.from = new int[Math.max(capacity, 1)];
			this.to = new int[Math.max(capacity, 1)];
		}

		void add(char c, int sourceStart, int sourceEnd) {
			int index = this.text.length();
			if (index == this.from.length) {
				this.from = Arrays.copyOf(this.from, index * 2);
				this.to = Arrays.copyOf(this.to, index * 2);
			}
			this.from[index] = sourceStart;
			this.to[index] = sourceEnd;
			this.text.append(c);
		}

		EncodedText build() {
			int length = this.text.length();
			return new EncodedText(this.text.toString(), Arrays.copyOf(this.from, length), Arrays.copyOf(this.to, length));
		}

	}

}
