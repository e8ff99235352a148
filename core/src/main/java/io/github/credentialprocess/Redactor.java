package io.github.credentialprocess;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Replaces known secret values, and the values of fields named like secrets, in text that is about
 * to leave the provider (stderr quoted in an error message or logged while a helper runs). A misbehaving helper may echo its environment or the previous credentials to
 * stderr; those values must not reach a log.
 */
final class Redactor {

	/** Values shorter than this are too common to be secrets and would mangle the text. */
	private static final int MIN_SECRET_LENGTH = 6;

	private static final String MASK = "****";

	/**
	 * The value after a secret's name, in JSON ({@code "SecretAccessKey": "..."}), properties or
	 * environment form ({@code AWS_SECRET_ACCESS_KEY=...}): masked even when the value is not known,
	 * as when a helper echoes the credentials it is about to print.
	 */
	private static final Pattern NAMED_SECRET = Pattern.compile(
			"(?i)(\"?(?:SecretAccessKey|SessionToken|aws_secret_access_key|aws_session_token)\"?\\s*[:=]\\s*\"?)"
					+ "([^\"\\s,}]+)");

	private final List<String> secrets;

	private Redactor(List<String> secrets) {
		this.secrets = secrets;
	}

	static Redactor of(Collection<String> secrets) {
		// Longest first, so that a secret containing another is masked whole. A secret is also
		// looked for as JSON writes it ("\/" for "/", common in AWS secret keys), and one that spans
		// lines (a PEM key) line by line too, for text that is handled a line at a time.
		return new Redactor(secrets.stream()
			.filter(Objects::nonNull)
			.flatMap((secret) -> Stream.concat(Stream.of(secret), secret.lines()))
			.filter((secret) -> secret.length() >= MIN_SECRET_LENGTH)
			.flatMap((secret) -> Stream.of(secret, secret.replace("/", "\\/")))
			.distinct()
			.sorted(Comparator.comparingInt(String::length).reversed())
			.toList());
	}

	String apply(String text) {
		String result = text;
		for (String secret : this.secrets) {
			result = result.replace(secret, MASK);
		}
		return NAMED_SECRET.matcher(result).replaceAll("$1" + MASK);
	}

}
