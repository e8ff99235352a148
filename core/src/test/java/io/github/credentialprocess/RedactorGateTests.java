package io.github.credentialprocess;

import java.nio.charset.StandardCharsets;
import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The run's one gate: what it is told, what the helper prints as it prints it, and what looks like
 * a credential, all masked together; and the margin a buffer keeps past its limit.
 */
class RedactorGateTests {

	@Test
	void knownValuesAndShapesAreMaskedTogether() {
		Redactor redactor = Redactor.of(List.of("configured-value"));
		assertThat(redactor.apply("configured-value and " + HelperOutputMaskingTests.SHAPED_SECRET + " and plain"))
			.isEqualTo("**** and **** and plain");
	}

	@Test
	void printedValueIsKnownFromTheMomentItIsDrained() {
		Redactor redactor = Redactor.of(List.of());
		assertThat(redactor.apply("echo printed-value-1")).isEqualTo("echo printed-value-1");
		byte[] stdout = "{\"SecretAccessKey\":\"printed-value-1\"".getBytes(StandardCharsets.UTF_8);
		redactor.learnPrinted(stdout, 0, stdout.length);
		assertThat(redactor.apply("echo printed-value-1")).isEqualTo("echo ****");
	}

	@Test
	void marginIsTheLongestKnownValueAndNeverLessThanTheLongestShapeAsWrittenEncoded() {
		// Six characters a character at most: a backslash, u and four hexadecimal digits.
		assertThat(Redactor.of(List.of()).margin()).isEqualTo(256 * 6);
		assertThat(Redactor.of(List.of("x".repeat(300))).margin()).isEqualTo(256 * 6);
		assertThat(Redactor.of(List.of("x".repeat(2000))).margin()).isEqualTo(2000);
	}

	@Test
	void eachRunOfMaskedCharactersBecomesOneMask() {
		BitSet masked = new BitSet();
		masked.set(1, 3);
		masked.set(3, 4);
		masked.set(6);
		assertThat(Redactor.render("abcdefgh", masked)).isEqualTo("a****ef****h");
		assertThat(Redactor.render("abc", new BitSet())).isEqualTo("abc");
		BitSet all = new BitSet();
		all.set(0, 3);
		assertThat(Redactor.render("abc", all)).isEqualTo("****");
	}

}
