package io.github.credentialprocess;

import java.util.BitSet;
import java.util.Collection;

/**
 * The one gate through which text a helper wrote reaches a log line or an error message: the live
 * stderr log, the lines held until a run ends, the error tail of a failed or timed-out run. One per
 * run, it knows every secret of that run: the configured and the secret-named inherited
 * environment, the words of the command, the previous credentials ({@link KnownSecrets}), the
 * string values the helper has printed on stdout so far ({@link PrintedValues}); and it recognises
 * credentials it was never told of by their shape ({@link SecretShapes}).
 * <p>
 * Callers mask first and only then cut, split or clean the text: {@link #margin()} says how much
 * past a limit a buffer must keep so that a secret crossing the limit is still seen whole.
 */
final class Redactor {

	static final String MASK = "****";

	/** Past any limit, at least this much is kept: the longest shape that must be seen whole, and then some. */
	private static final int SHAPE_MARGIN = 256;

	/** The longest a character may be written (<code>&#92;u002B</code>, six characters for one): a secret so written is this many times longer. */
	private static final int LONGEST_ENCODING = 6;

	private final KnownSecrets given;

	private final PrintedValues printed = new PrintedValues();

	private KnownSecrets known;

	private int knownVersion;

	Redactor(KnownSecrets given) {
		this.given = given;
		this.known = given;
	}

	/** A gate that knows the given values; for text that is not from a run. */
	static Redactor of(Collection<String> secrets) {
		return new Redactor(KnownSecrets.of(secrets));
	}

	/** Takes bytes as they are drained from the helper's stdout. */
	synchronized void learnPrinted(byte[] bytes, int offset, int length) {
		this.printed.accept(bytes, offset, length);
	}

	/** The text with every secret replaced by {@value #MASK}. */
	String apply(String text) {
		return render(text, mark(text));
	}

	/**
	 * The characters of the text that are secret: as written, and as decoded ({@link EncodedText}),
	 * so that a secret escaped, URL-encoded, coloured or written as UTF-16 is found too.
	 */
	synchronized BitSet mark(String text) {
		BitSet masked = new BitSet(text.length());
		known().mark(text, masked);
		SecretShapes.mark(text, masked);
		for (EncodedText decoded : EncodedText.views(text)) {
			BitSet inView = new BitSet(decoded.view().length());
			known().mark(decoded.view(), inView);
			SecretShapes.mark(decoded.view(), inView);
			decoded.markSources(inView, masked);
		}
		return masked;
	}

	/**
	 * How many characters past a limit a buffer keeps, so that a secret that starts before the limit
	 * ends inside the buffer: the longest known secret as written, and never less than the longest
	 * shape as long as it can be written encoded. (A known secret written encoded across a cut is
	 * masked from the margin's start; six times every known value would make a helper that prints
	 * many long values costly to mask.)
	 */
	synchronized int margin() {
		return Math.max(known().longest(), SHAPE_MARGIN * LONGEST_ENCODING);
	}

	private KnownSecrets known() {
		if (this.printed.version() != this.knownVersion) {
			this.knownVersion = this.printed.version();
			this.known = this.given.with(this.printed.values());
		}
		return this.known;
	}

	/** Each run of masked characters replaced by one {@value #MASK}. */
	static String render(String text, BitSet masked) {
		if (masked.isEmpty()) {
			return text;
		}
		StringBuilder result = new StringBuilder(text.length());
		int i = 0;
		for (int start = masked.nextSetBit(0); start >= 0; start = masked.nextSetBit(i)) {
			result.append(text, i, start).append(MASK);
			i = masked.nextClearBit(start);
		}
		return result.append(text, i, text.length()).toString();
	}

}
