package io.github.credentialprocess;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Replaces known secret values in text that is about to leave the provider (stderr quoted in an
 * error message). A misbehaving helper may echo its environment or the previous credentials to
 * stderr; those values must not reach a log.
 */
final class Redactor {

	/** Values shorter than this are too common to be secrets and would mangle the text. */
	private static final int MIN_SECRET_LENGTH = 6;

	private static final String MASK = "****";

	private final List<String> secrets;

	private Redactor(List<String> secrets) {
		this.secrets = secrets;
	}

	static Redactor of(Collection<String> secrets) {
		// Longest first, so that a secret containing another is masked whole.
		return new Redactor(secrets.stream()
			.filter(Objects::nonNull)
			.filter((secret) -> secret.length() >= MIN_SECRET_LENGTH)
			.distinct()
			.sorted(Comparator.comparingInt(String::length).reversed())
			.toList());
	}

	String apply(String text) {
		String result = text;
		for (String secret : this.secrets) {
			result = result.replace(secret, MASK);
		}
		return result;
	}

}
