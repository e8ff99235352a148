package io.github.credentialprocess;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line is split into words as POSIX {@code sh} splits it.
 */
class ShellWordsTests {

	@Test
	void onlySpaceTabAndNewlineSeparateWords() {
		assertThat(texts("a b\tc\nd  e\u2003f\u00a0g")).containsExactly("a", "b", "c", "d", "e\u2003f\u00a0g");
	}

	@Test
	void singleQuotesKeepEverything() {
		assertThat(texts("'a b \\ \" $x'c")).containsExactly("a b \\ \" $xc");
	}

	@Test
	void doubleQuotesResolveOnlyTheirFourEscapes() {
		assertThat(texts("\"a \\$ \\` \\\" \\\\ \\n\"")).containsExactly("a $ ` \" \\ \\n");
	}

	@Test
	void backslashOutsideQuotesKeepsTheNextCharacterAndALineContinuationJoins() {
		assertThat(texts("correct\\ horse a\\\nb")).containsExactly("correct horse", "ab");
		assertThat(texts("\"x\\\ny\"")).containsExactly("xy");
	}

	@Test
	void unbalancedQuoteOrTrailingBackslashCannotBeRead() {
		assertThat(ShellWords.split("'open")).isEmpty();
		assertThat(ShellWords.split("\"open")).isEmpty();
		assertThat(ShellWords.split("end\\")).isEmpty();
		assertThat(ShellWords.split("\"open\\")).isEmpty();
	}

	@Test
	void lineReadLenientlyRunsAnOpenQuoteToItsEndAndHasNoCertainWord() {
		assertThat(ShellWords.splitLeniently("A=1 helper 'open quote")).containsExactly(
				new ShellWords.Word("A=1", true, false), new ShellWords.Word("helper", false, false),
				new ShellWords.Word("open quote", false, false));
		assertThat(ShellWords.splitLeniently("end\\")).containsExactly(new ShellWords.Word("end\\", false, false));
	}

	@Test
	void assignmentIsAnUnquotedNameAndEquals() {
		assertThat(ShellWords.split("A_1=x 'B=y' C\\=z 1A=w A='quoted value' =v Ä=v").orElseThrow())
			.extracting(ShellWords.Word::assignment)
			.containsExactly(true, false, false, false, true, false, false);
		assertThat(ShellWords.split("P='my cat Tom' helper").orElseThrow().get(0).value()).isEqualTo("my cat Tom");
		assertThat(ShellWords.split("helper").orElseThrow().get(0).value()).isEqualTo("helper");
	}

	@Test
	void expansionsAndOperatorsMakeAWordUncertain() {
		assertThat(ShellWords.split("a $HOME `x` \"$y\" b;c d|e f>g (h) '$ok'").orElseThrow())
			.extracting(ShellWords.Word::certain)
			.containsExactly(true, false, false, false, false, false, false, false, true);
	}

	@Test
	void emptyLineHasNoWords() {
		assertThat(texts("  \t ")).isEmpty();
	}

	private static List<String> texts(String line) {
		return ShellWords.split(line).orElseThrow().stream().map(ShellWords.Word::text).toList();
	}

}
