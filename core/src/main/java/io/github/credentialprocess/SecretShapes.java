package io.github.credentialprocess;

import java.util.BitSet;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises AWS credentials by their shape, for what nobody could list: a helper's debug output,
 * an STS response body, a cache dump. Marks what must be masked; {@link Redactor} decides how.
 * <ul>
 * <li>An access key id ({@code AKIA}, {@code ASIA} and the other documented prefixes, then 16
 * upper-case letters or digits): all but its last four characters.</li>
 * <li>A secret access key: a run of exactly 40 base64 characters ({@code /} may be written
 * {@code \/}, as JSON does). A 40-character hex digest is masked too: a price worth paying.</li>
 * <li>A session token, or any other long token: a run of {@value #TOKEN_LENGTH} or more base64 or
 * base64url characters; a JSON Web Token ({@code eyJ...} in three parts); the credentials after
 * {@code Bearer} or {@code Basic}.</li>
 * <li>The value after a credential-like name ({@value #NAME_WORDS_DOC}, in any case, with any
 * {@code _ - .} between the words, or a name of words ending in {@code Key}:
 * {@code Secret Access Key:}, {@code API Key:}) in JSON, Python, Ruby, YAML, INI, shell and HTTP header forms
 * ({@code "Name": "v"}, {@code 'Name': 'v'}, {@code "Name" => "v"}, {@code name: v},
 * {@code name = v}, {@code NAME=v}, {@code Name: v}), also inside a JSON string
 * ({@code \"Name\": \"v\"}), and the text of an XML element so named
 * ({@code <SecretAccessKey>v</SecretAccessKey>}). A quoted value is masked to its closing quote, an
 * unquoted one to the next white space or delimiter.</li>
 * </ul>
 */
final class SecretShapes {

	static final int TOKEN_LENGTH = 100;

	static final String NAME_WORDS_DOC = "secret, password, passwd, passphrase, token, private key, api key";

	/** Name words, as they read with case and separators removed. */
	private static final String[] NAME_WORDS = { "secret", "password", "passwd", "passphrase", "token", "privatekey",
			"apikey" };

	private static final Pattern KEY_ID = Pattern.compile("(?<![A-Za-z0-9])"
			+ "(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Za-z0-9])");

	private static final Pattern SECRET_KEY = Pattern
		.compile("(?<![A-Za-z0-9+/\\\\])(?:[A-Za-z0-9+]|\\\\?/){40}(?![A-Za-z0-9+/=])");

	private static final Pattern TOKEN = Pattern
		.compile("(?<![A-Za-z0-9+/=_\\\\-])(?:[A-Za-z0-9+=_-]|\\\\?/){" + TOKEN_LENGTH + ",}+");

	/** A JSON Web Token: three base64url parts, the first a JSON object ({@code eyJ}). */
	private static final Pattern JWT = Pattern
		.compile("(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{5,}+\\.[A-Za-z0-9_-]{5,}+\\.[A-Za-z0-9_-]*+");

	/** The credentials of an HTTP authorization header: {@code Bearer ...}, {@code Basic ...}. */
	private static final Pattern BEARER = Pattern
		.compile("(?i)(?<![A-Za-z0-9])(?:Bearer|Basic)[ \t]++([A-Za-z0-9._~+/=-]{8,}+)");

	/** A name, its closing quote if any, and a separator; the value follows. */
	private static final Pattern NAMED = Pattern
		.compile("(?<![A-Za-z0-9_.-])([A-Za-z][A-Za-z0-9_.-]*+)\\\\?[\"']?[ \\t]*+(?:=>|:=|:|=)[ \\t]*+");

	private static final Pattern XML_ELEMENT = Pattern.compile("<([A-Za-z][A-Za-z0-9_.:-]*+)(?:[ \\t][^<>]*+)?>");

	private SecretShapes() {
	}

	/** Sets in {@code masked} the characters of {@code text} that a shape says are secret. */
	static void mark(String text, BitSet masked) {
		Matcher keyId = KEY_ID.matcher(text);
		while (keyId.find()) {
			masked.set(keyId.start(), keyId.end() - 4);
		}
		markAll(SECRET_KEY.matcher(text), masked);
		markAll(TOKEN.matcher(text), masked);
		markAll(JWT.matcher(text), masked);
		Matcher bearer = BEARER.matcher(text);
		while (bearer.find()) {
			masked.set(bearer.start(1), bearer.end(1));
		}
		markNamedValues(text, masked);
		markXmlElements(text, masked);
	}

	private static void markAll(Matcher matcher, BitSet masked) {
		while (matcher.find()) {
			masked.set(matcher.start(), matcher.end());
		}
	}

	private static void markNamedValues(String text, BitSet masked) {
		Matcher named = NAMED.matcher(text);
		int from = 0;
		// Each find starts past the last one: a value ends at or after its separator, never past the text.
		while (named.find(from)) {
			if (!isSecretName(named.group(1)) && !(named.group(1).equalsIgnoreCase("key")
					&& isSecretName(phraseBefore(text, named.start(1)) + named.group(1)))) {
				// The value may itself hold a name (x=password=...): look again right after this name.
				from = named.end(1);
				continue;
			}
			from = markValue(text, named.end(), masked);
		}
	}

	/**
	 * Up to two words right before a name, each followed by one space: the start of a name written
	 * as words ({@code Secret Access Key:}, {@code API Key:}).
	 */
	private static String phraseBefore(String text, int nameStart) {
		String phrase = "";
		int end = nameStart;
		for (int words = 0; words < 2 && end >= 2 && text.charAt(end - 1) == ' '; words++) {
			int start = end - 1;
			while (start > 0 && Character.isLetter(text.charAt(start - 1))) {
				start--;
			}
			if (start == end - 1) {
				break;
			}
			phrase = text.substring(start, end - 1) + phrase;
			end = start;
		}
		return phrase;
	}

	private static void markXmlElements(String text, BitSet masked) {
		Matcher element = XML_ELEMENT.matcher(text);
		while (element.find()) {
			if (isSecretName(element.group(1))) {
				int close = text.indexOf('<', element.end());
				masked.set(element.end(), (close < 0) ? text.length() : close);
			}
		}
	}

	/**
	 * Marks the value that starts at {@code start}: a quoted value (also {@code \"...\"}) up to its
	 * closing quote or the end of the line; any other up to white space or a delimiter.
	 * @return where the value ends
	 */
	private static int markValue(String text, int start, BitSet masked) {
		int i = start;
		boolean escapedQuote = i + 1 < text.length() && text.charAt(i) == '\\'
				&& (text.charAt(i + 1) == '"' || text.charAt(i + 1) == '\'');
		if (escapedQuote) {
			i++;
		}
		if (i < text.length() && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
			char quote = text.charAt(i);
			int j = i + 1;
			while (j < text.length() && text.charAt(j) != '\n' && text.charAt(j) != '\r') {
				char c = text.charAt(j);
				if (c == quote && (!escapedQuote || text.charAt(j - 1) == '\\')) {
					// Never before i + 1: an escaped closing quote is preceded by its backslash.
					int contentEnd = escapedQuote ? j - 1 : j;
					masked.set(i + 1, contentEnd);
					return j + 1;
				}
				if (c == '\\' && !escapedQuote && j + 1 < text.length()) {
					j++;
				}
				j++;
			}
			masked.set(i + 1, j);
			return j;
		}
		int j = start;
		while (j < text.length() && !Character.isWhitespace(text.charAt(j))
				&& "\"',;&}])<>\\".indexOf(text.charAt(j)) < 0) {
			j++;
		}
		masked.set(start, j);
		return j;
	}

	static boolean isSecretName(String name) {
		String plain = name.toLowerCase(Locale.ROOT).replace("_", "").replace("-", "").replace(".", "");
		for (String word : NAME_WORDS) {
			if (plain.contains(word)) {
				return true;
			}
		}
		return false;
	}

}
