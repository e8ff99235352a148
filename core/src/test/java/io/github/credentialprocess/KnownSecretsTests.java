package io.github.credentialprocess;

import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each rule of {@link KnownSecrets} by name: whole values, their lines and JSON form, pieces of
 * credential-shaped values, and what is too short to mask.
 */
class KnownSecretsTests {

	private static final String CREDENTIAL = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

	@Test
	void valueIsMaskedEveryTimeItAppears() {
		assertThat(masked(List.of("hunter2-pass"), "a hunter2-pass b hunter2-pass")).isEqualTo("a **** b ****");
	}

	@Test
	void valueContainingAnotherIsMaskedWhole() {
		assertThat(masked(List.of("secret", "secret-and-more"), "x secret-and-more y")).isEqualTo("x **** y");
	}

	@Test
	void valueShorterThanTheMinimumIsLeftAlone() {
		assertThat(masked(List.of("abcde"), "abcde")).isEqualTo("abcde");
		assertThat(masked(List.of("abcdef"), "abcdef")).isEqualTo("****");
	}

	@Test
	void eachLineOfAValueIsMaskedOnItsOwn() {
		String pem = "-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0\n-----END KEY-----";
		assertThat(masked(List.of(pem), "line: MIIEvQIBADANBgkqhkiG9w0")).isEqualTo("line: ****");
	}

	@Test
	void valueWrittenWithJsonEscapesIsMasked() {
		assertThat(masked(List.of("a/b/c/d/e"), "{\"v\":\"a\\/b\\/c\\/d\\/e\"}")).isEqualTo("{\"v\":\"****\"}");
	}

	@Test
	void anyPieceOfACredentialShapedValueIsMasked() {
		String piece = CREDENTIAL.substring(5, 5 + KnownSecrets.PIECE);
		assertThat(masked(List.of(CREDENTIAL), "cut: " + piece + "|")).isEqualTo("cut: ****|");
		String split = CREDENTIAL.substring(0, 20) + "\n" + CREDENTIAL.substring(20);
		assertThat(masked(List.of(CREDENTIAL), split)).isEqualTo("****\n****");
	}

	@Test
	void anyPieceOfTheJsonFormOfACredentialShapedValueIsMasked() {
		String piece = CREDENTIAL.replace("/", "\\/").substring(11, 11 + KnownSecrets.PIECE);
		assertThat(piece).contains("\\/");
		assertThat(masked(List.of(CREDENTIAL), "cut: " + piece + "|")).isEqualTo("cut: ****|");
	}

	@Test
	void pieceShorterThanThePieceLengthStays() {
		String piece = CREDENTIAL.substring(0, KnownSecrets.PIECE - 1);
		assertThat(masked(List.of(CREDENTIAL), " " + piece + " ")).isEqualTo(" " + piece + " ");
	}

	@Test
	void piecesOfAValueThatIsNoCredentialAreLeftAlone() {
		String sentence = "correct horse battery staple";
		assertThat(masked(List.of(sentence), "correct horse")).isEqualTo("correct horse");
	}

	@Test
	void withAddsValuesAndKeepsTheOld() {
		KnownSecrets known = KnownSecrets.of(List.of("first-secret")).with(List.of("second-secret"));
		assertThat(render(known, "first-secret second-secret")).isEqualTo("**** ****");
		assertThat(known.with(List.of())).isSameAs(known);
	}

	@Test
	void longestIsTheLengthOfTheLongestForm() {
		assertThat(KnownSecrets.of(List.of("a/bcdef", "xyz")).longest()).isEqualTo("a\\/bcdef".length());
		assertThat(KnownSecrets.NONE.longest()).isZero();
	}

	private static String masked(List<String> values, String text) {
		return render(KnownSecrets.of(values), text);
	}

	private static String render(KnownSecrets known, String text) {
		BitSet masked = new BitSet();
		known.mark(text, masked);
		return Redactor.render(text, masked);
	}

}
