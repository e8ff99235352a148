package io.github.credentialprocess;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Values known to be secret, and where they stand in a text. Immutable: a run that learns more
 * makes a new one ({@link #with(Collection)}).
 * <ul>
 * <li>Every value of {@value #MIN_LENGTH} characters or more is found whole, also as JSON writes it
 * ({@code \/} for {@code /}), and each of its lines on its own, for text handled a line at a
 * time.</li>
 * <li>A value shaped like a credential (at least {@value #CREDENTIAL_MIN_LENGTH} characters of
 * base64) is found in pieces too: any {@value #PIECE} characters of it, so that a cut or a line
 * break through it leaves no longer piece in view.</li>
 * </ul>
 */
final class KnownSecrets {

	/** Values shorter than this are too common to be secrets and would mangle the text. */
	static final int MIN_LENGTH = 6;

	/** The longest piece of a credential-shaped value that can stay in view is one shorter than this. */
	static final int PIECE = 10;

	static final int CREDENTIAL_MIN_LENGTH = 16;

	private static final Pattern CREDENTIAL_SHAPED = Pattern
		.compile("[A-Za-z0-9+/=]{" + CREDENTIAL_MIN_LENGTH + ",}");

	static final KnownSecrets NONE = new KnownSecrets(List.of(), Set.of(), List.of());

	/** The values as given, for {@link #with(Collection)}. */
	private final List<String> values;

	/** What is found whole, longest first so that a value containing another is masked whole. */
	private final List<String> whole;

	private final Set<String> pieces;

	private KnownSecrets(List<String> values, Set<String> pieces, List<String> whole) {
		this.values = values;
		this.pieces = pieces;
		this.whole = whole;
	}

	static KnownSecrets of(Collection<String> values) {
		List<String> given = values.stream().filter(Objects::nonNull).distinct().toList();
		Set<String> whole = new LinkedHashSet<>();
		Set<String> pieces = new HashSet<>();
		for (String value : given) {
			List<String> forms = new ArrayList<>();
			forms.add(value);
			value.lines().forEach(forms::add);
			for (String form : forms) {
				if (form.length() >= MIN_LENGTH) {
					whole.add(form);
					whole.add(form.replace("/", "\\/"));
				}
			}
			if (CREDENTIAL_SHAPED.matcher(value).matches()) {
				addPieces(value, pieces);
				addPieces(value.replace("/", "\\/"), pieces);
			}
		}
		return new KnownSecrets(given, Set.copyOf(pieces),
				whole.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList());
	}

	private static void addPieces(String value, Set<String> pieces) {
		for (int i = 0; i + PIECE <= value.length(); i++) {
			pieces.add(value.substring(i, i + PIECE));
		}
	}

	/** These values and more. */
	KnownSecrets with(Collection<String> more) {
		if (more.isEmpty()) {
			return this;
		}
		List<String> all = new ArrayList<>(this.values);
		all.addAll(more);
		return of(all);
	}

	/** The length of the longest value, in characters. */
	int longest() {
		return this.whole.isEmpty() ? 0 : this.whole.get(0).length();
	}

	/** Sets in {@code masked} every character of {@code text} that belongs to a known value. */
	void mark(String text, BitSet masked) {
		for (String value : this.whole) {
			for (int at = text.indexOf(value); at >= 0; at = text.indexOf(value, at + 1)) {
				masked.set(at, at + value.length());
			}
		}
		if (!this.pieces.isEmpty()) {
			for (int i = 0; i + PIECE <= text.length(); i++) {
				if (this.pieces.contains(text.substring(i, i + PIECE))) {
					masked.set(i, i + PIECE);
				}
			}
		}
	}

}
