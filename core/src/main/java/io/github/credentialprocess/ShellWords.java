package io.github.credentialprocess;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a command line into words as POSIX {@code sh} does, so that what we show and what we mask
 * are the words the shell will see: only space, tab and newline separate words; single quotes keep
 * everything; double quotes keep everything but {@code \$ \` \" \\} and a line continuation; a
 * backslash outside quotes keeps the next character. A Unicode space, or an escaped space, is
 * part of a word, exactly as for the shell.
 */
final class ShellWords {

	private ShellWords() {
	}

	/**
	 * One word of a command line.
	 * @param text the word as the program receives it, quotes and escapes removed
	 * @param assignment whether the shell reads it as a {@code NAME=value} assignment: a valid name
	 * and {@code =}, none of it quoted or escaped
	 * @param certain whether the word is literal: no unquoted expansion ({@code $}, a backquote) and
	 * no shell operator ({@code ; & | < > ( )}), so that its text is what the shell will use
	 */
	record Word(String text, boolean assignment, boolean certain) {

		/** The value of an assignment, or the whole text of any other word. */
		String value() {
			return this.assignment ? this.text.substring(this.text.indexOf('=') + 1) : this.text;
		}

	}

	/**
	 * The words of a command line.
	 * @return the words, or empty when the line cannot be read with certainty (a quote never
	 * closed, a backslash at the very end)
	 */
	static Optional<List<Word>> split(String line) {
		return split(line, false);
	}

	/**
	 * The words of a line that cannot be read with certainty, read as far as possible: a quote never
	 * closed runs to the end, a backslash at the end is kept; every word is then uncertain. For
	 * masking only, so that a quoted value is still masked whole.
	 */
	static List<Word> splitLeniently(String line) {
		List<Word> words = split(line, true).orElseThrow();
		return words.stream().map((word) -> new Word(word.text(), word.assignment(), false)).toList();
	}

	private static Optional<List<Word>> split(String line, boolean lenient) {
		List<Word> words = new ArrayList<>();
		StringBuilder text = new StringBuilder();
		boolean inWord = false;
		boolean certain = true;
		// How many characters at the start of the word were neither quoted nor escaped.
		int plainPrefix = 0;
		boolean plainSoFar = true;
		int i = 0;
		while (i < line.length()) {
			char c = line.charAt(i);
			if (c == ' ' || c == '\t' || c == '\n') {
				if (inWord) {
					words.add(word(text, plainPrefix, certain));
					text.setLength(0);
					inWord = false;
					certain = true;
					plainPrefix = 0;
					plainSoFar = true;
				}
				i++;
				continue;
			}
			inWord = true;
			if (c == '\\') {
				if (i + 1 >= line.length()) {
					if (!lenient) {
						return Optional.empty();
					}
					text.append(c);
					break;
				}
				if (line.charAt(i + 1) != '\n') {
					text.append(line.charAt(i + 1));
					plainSoFar = false;
				}
				i += 2;
			}
			else if (c == '\'') {
				int close = line.indexOf('\'', i + 1);
				if (close < 0) {
					if (!lenient) {
						return Optional.empty();
					}
					close = line.length();
				}
				text.append(line, i + 1, Math.min(close, line.length()));
				plainSoFar = false;
				i = close + 1;
			}
			else if (c == '"') {
				int close = doubleQuoted(line, i + 1, text);
				if (close < 0) {
					if (!lenient) {
						return Optional.empty();
					}
					close = line.length();
				}
				if (line.substring(i + 1, close).matches("(?s).*[$`].*")) {
					certain = false;
				}
				plainSoFar = false;
				i = close + 1;
			}
			else {
				if ("$`;&|<>()".indexOf(c) >= 0) {
					certain = false;
				}
				text.append(c);
				if (plainSoFar) {
					plainPrefix++;
				}
				i++;
			}
		}
		if (inWord) {
			words.add(word(text, plainPrefix, certain));
		}
		return Optional.of(words);
	}

	/** Reads a double-quoted part from {@code start}, after its opening quote; returns where it closes, or -1. */
	private static int doubleQuoted(String line, int start, StringBuilder text) {
		int i = start;
		while (i < line.length()) {
			char c = line.charAt(i);
			if (c == '"') {
				return i;
			}
			if (c == '\\' && i + 1 < line.length() && "$`\"\\\n".indexOf(line.charAt(i + 1)) >= 0) {
				if (line.charAt(i + 1) != '\n') {
					text.append(line.charAt(i + 1));
				}
				i += 2;
				continue;
			}
			text.append(c);
			i++;
		}
		return -1;
	}

	private static Word word(StringBuilder text, int plainPrefix, boolean certain) {
		String value = text.toString();
		int equals = value.indexOf('=');
		boolean assignment = equals > 0 && equals < plainPrefix && isName(value.substring(0, equals));
		return new Word(value, assignment, certain);
	}

	private static boolean isName(String name) {
		if (!(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
			return false;
		}
		return name.chars().allMatch((c) -> (c < 128) && (Character.isLetterOrDigit(c) || c == '_'));
	}

}
