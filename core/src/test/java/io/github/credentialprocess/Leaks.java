package io.github.credentialprocess;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Asserts that no text shows a secret: not whole, and not any piece of {@value #PIECE} characters
 * of it, which catches a secret cut by a limit or split by a line break. Public so that the tests
 * of every integration package share one rule.
 */
public final class Leaks {

	/** The shortest piece of a secret that counts as shown. */
	public static final int PIECE = 12;

	private Leaks() {
	}

	/** Every piece of {@value #PIECE} characters of the secret (the secret itself when shorter). */
	public static List<String> pieces(String secret) {
		List<String> pieces = new ArrayList<>();
		if (secret.length() <= PIECE) {
			pieces.add(secret);
			return pieces;
		}
		for (int i = 0; i + PIECE <= secret.length(); i++) {
			pieces.add(secret.substring(i, i + PIECE));
		}
		return pieces;
	}

	/** Fails when any of the texts shows any of the secrets or a piece of one. */
	public static void assertNoneShown(Collection<String> texts, String... secrets) {
		for (String text : texts) {
			for (String secret : secrets) {
				for (String piece : pieces(secret)) {
					assertThat(text).as("a text shows a piece of a secret").doesNotContain(piece);
				}
			}
		}
	}

	/** Fails when the text shows any of the secrets or a piece of one. */
	public static void assertNoneShown(String text, String... secrets) {
		assertNoneShown(List.of(text), secrets);
	}

}
