package io.github.credentialprocess;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The string values a helper prints are learned as they arrive: across reads, in output that is
 * not valid JSON, with their escapes resolved, the one still being printed included.
 */
class PrintedValuesTests {

	@Test
	void everyStringValueIsLearnedEvenInOutputThatIsNotValid() {
		PrintedValues printed = new PrintedValues();
		accept(printed, "{\"a\":\"first\",\"n\":1,\"b\":[\"second\"],\"c\":\"thi");
		assertThat(printed.values()).containsExactly("a", "first", "n", "b", "second", "c", "thi");
	}

	@Test
	void aValueCutBetweenTwoReadsIsLearnedWhole() {
		PrintedValues printed = new PrintedValues();
		accept(printed, "{\"SecretAccessKey\":\"wJalrXUtn");
		accept(printed, "FEMI/K7MDENG\"}");
		assertThat(printed.values()).contains("wJalrXUtnFEMI/K7MDENG").doesNotContain("wJalrXUtn");
	}

	@Test
	void escapesAreResolved() {
		PrintedValues printed = new PrintedValues();
		accept(printed, "\"a\\/b\\\"c\\u0041\\n\"");
		assertThat(printed.values()).containsExactly("a/b\"cA\n");
	}

	@Test
	void learningStopsAfterItsLimit() {
		PrintedValues printed = new PrintedValues();
		accept(printed, "\"" + "x".repeat(PrintedValues.MAX_CHARACTERS) + "\" \"late-value\"");
		assertThat(printed.values()).hasSize(1);
	}

	@Test
	void versionChangesWithWhatIsLearned() {
		PrintedValues printed = new PrintedValues();
		int before = printed.version();
		accept(printed, "  ");
		assertThat(printed.version()).isEqualTo(before);
		accept(printed, "\"v");
		assertThat(printed.version()).isNotEqualTo(before);
	}

	@Test
	void stringJustOpenedIsNoValueYet() {
		PrintedValues printed = new PrintedValues();
		accept(printed, "{\"a\":\"");
		assertThat(printed.values()).containsExactly("a");
	}

	@Test
	void onlyTheFirstMegabyteIsReadWhereverEachReadStartsInItsBuffer() {
		PrintedValues printed = new PrintedValues();
		int offset = 16;
		byte[] buffer = new byte[offset + 8192];
		Arrays.fill(buffer, (byte) ' ');
		int padding = PrintedValues.MAX_BYTES - "\"abc\"".length();
		int fed = 0;
		while (fed < padding) {
			int length = Math.min(8192, padding - fed);
			printed.accept(buffer, offset, length);
			fed += length;
		}
		accept(printed, "\"abc\" \"late-value\"");
		assertThat(printed.values()).containsExactly("abc");
	}

	@Test
	void escapeAtTheStartOfAValueIsResolved() {
		assertThat(PrintedValues.unescape("\\/path")).isEqualTo("/path");
	}

	@Test
	void unicodeEscapeAtTheEndOfAValueIsResolved() {
		assertThat(PrintedValues.unescape("x\\u0041")).isEqualTo("xA");
	}

	@Test
	void escapeCutShortAtTheEndIsKeptAsWritten() {
		assertThat(PrintedValues.unescape("abc\\")).isEqualTo("abc\\");
		assertThat(PrintedValues.unescape("abc\\u00")).isEqualTo("abc\\u00");
	}

	private static void accept(PrintedValues printed, String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		printed.accept(bytes, 0, bytes.length);
	}

}
