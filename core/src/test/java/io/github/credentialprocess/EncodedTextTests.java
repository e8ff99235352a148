package io.github.credentialprocess;

import java.util.BitSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Helper text as a reader decodes it, each decoded character knowing where it came from. */
class EncodedTextTests {

	@Test
	void textWithNothingToDecodeHasNoViewOfItsOwn() {
		assertThat(EncodedText.decode("plain words, 42 of them")).isNull();
	}

	@Test
	void escapesOfControlCharactersReadAsThoseCharacters() {
		assertThat(view("a\\nb\\tc\\rd\\be\\ff\\vg\\0h")).isEqualTo("a\nb\tc\rd\be\ff\u000bgh");
	}

	@Test
	void escapedCharactersReadAsThemselves() {
		assertThat(view("a\\/b\\\\c\\\"d\\'e")).isEqualTo("a/b\\c\"d'e");
		assertThat(view("\\u002B\\u002f\\x3D")).isEqualTo("+/=");
		assertThat(view("\\u000a")).isEqualTo("\n");
	}

	@Test
	void urlEncodedCharactersReadAsThemselvesAsUtf8() {
		assertThat(view("a%2Bb%2fc%3D%0A%C3%A9%F0%9F%94%91")).isEqualTo("a+b/c=\né\uD83D\uDD11");
		assertThat(view("%C3")).isEqualTo("\u00c3");
		assertThat(view("p\\xc3\\xa4ss")).isEqualTo("päss");
	}

	@Test
	void aDoubleEncodingAndUtf16OfAnEncodingAreReadToo() {
		assertThat(view("%252B")).isEqualTo("+");
		assertThat(view("%\0" + "2\0B\0")).isEqualTo("+");
	}

	@Test
	void htmlCharacterReferencesReadAsTheirCharacters() {
		assertThat(view("a&#43;b&#x2F;c&amp;d&lt;&gt;&quot;&apos;&unknown; & ;")).isEqualTo("a+b/c&d<>\"'&unknown; & ;");
	}

	@Test
	void zeroWidthCharactersAreLeftOut() {
		assertThat(view("AKIA\u200bEXAMPLE\ufeff")).isEqualTo("AKIAEXAMPLE");
	}

	@Test
	void anEscapeSequenceIsReadAsASpaceAsNothingAndAsTheLogShowsIt() {
		assertThat(EncodedText.views("a\u001b[0mb").stream().map(EncodedText::view))
			.containsExactly("a b", "ab", "a [0mb");
		assertThat(EncodedText.views("plain")).isEmpty();
	}

	@Test
	void terminalEscapeSequencesReadAsOneSpaceInTheFirstView() {
		assertThat(view("\u001b[1;33mkey\u001b[0m\u001b(B.")).isEqualTo(" key  .");
		assertThat(view("end\u001b[")).isEqualTo("end ");
	}

	@Test
	void nulCharactersAreLeftOut() {
		assertThat(view("s\0e\0c\0")).isEqualTo("sec");
	}

	@Test
	void incompleteEscapesReadAsWritten() {
		assertThat(view("\\u12 \\x4 %4 %zz \\q \\")).isEqualTo("\\u12 \\x4 %4 %zz \\q \\");
	}

	@Test
	void whatIsMarkedInTheViewIsMarkedWhereItCameFrom() {
		String text = "k=\\u0041%42\0C\u001b[0mD";
		EncodedText decoded = EncodedText.decode(text);
		assertThat(decoded.view()).isEqualTo("k=ABC D");
		BitSet inView = new BitSet();
		inView.set(2, 7);
		BitSet inText = new BitSet();
		decoded.markSources(inView, inText);
		// The NUL between B and C belongs to no character of the view, but lies between two marked
		// ones: one mask, not two.
		assertThat(inText.nextSetBit(0)).isEqualTo(2);
		assertThat(inText.nextClearBit(2)).isEqualTo(text.length());
	}

	private static String view(String text) {
		return EncodedText.decode(text).view();
	}

}
