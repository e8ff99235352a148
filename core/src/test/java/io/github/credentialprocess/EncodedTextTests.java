package io.github.credentialprocess;

import java.util.BitSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Helper text as a reader decodes it, each decoded character knowing where it came from. */
class EncodedTextTests {

	@Test
	void textWithNothingToDecodeHasNoViewOfItsOwn() {
		assertThat(EncodedText.views("plain words, 42 of them")).isEmpty();
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
		EncodedText decoded = EncodedText.views(text).get(0);
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

	@Test
	void eachDecodedCharacterIsMaskedWhereItWasWritten() {
		assertThat(sources("x%C3%A4y", 1)).isEqualTo("%C3%A4");
		assertThat(sources("x%C3%A4y", 2)).isEqualTo("y");
		assertThat(sources("\\xc3\\xa4!", 0)).isEqualTo("\\xc3\\xa4");
		assertThat(sources("%F0%9F%94%91z", 0)).isEqualTo("%F0%9F%94%91");
		assertThat(sources("%F0%9F%94%91z", 1)).isEqualTo("%F0%9F%94%91");
		assertThat(sources("%F0%9F%94%91z", 2)).isEqualTo("z");
		assertThat(sources("%C3z", 0)).isEqualTo("%C3");
		assertThat(sources("a\\u00e9b", 1)).isEqualTo("\\u00e9");
		assertThat(sources("a\\tb", 1)).isEqualTo("\\t");
		assertThat(sources("a\\/b", 1)).isEqualTo("\\/");
		assertThat(sources("a&#43;b", 1)).isEqualTo("&#43;");
		assertThat(sources("a&#x2F;b", 1)).isEqualTo("&#x2F;");
		assertThat(sources("a\u001b[1;33mb", 1)).isEqualTo("\u001b[1;33m");
		assertThat(sources("a\u001b(Bb", 1)).isEqualTo("\u001b(B");
		assertThat(sources("a%252Bb", 1)).isEqualTo("%252B");
	}

	@Test
	void escapeSequencesEndAtTheirFinalByte() {
		assertThat(view("\u001b[?25hX")).isEqualTo(" X");
		assertThat(view("\u001b[~X")).isEqualTo(" X");
		assertThat(view("\u001b[@X")).isEqualTo(" X");
		assertThat(view("\u001b[ X")).isEqualTo(" ");
		assertThat(view("\u001b[\u007fX")).isEqualTo(" \u007fX");
		assertThat(view("\u001b/0X")).isEqualTo(" X");
		assertThat(view("\u001b X")).isEqualTo(" ");
		assertThat(view("a\u001b")).isEqualTo("a ");
	}

	@Test
	void encodingsAreReadToThreeLayersAndNoFurther() {
		assertThat(view("%25252B")).isEqualTo("+");
		assertThat(view("%2525252B")).isEqualTo("%2B");
	}

	@Test
	void referencesAndEscapesAtTheirLimits() {
		assertThat(view("&#123456789;")).isEqualTo("&#123456789;");
		assertThat(view("&#65;&#x41;&#X41;&#;&#x;&;")).isEqualTo("AAA&#;&#x;&;");
		assertThat(view("&#1234567;")).isEqualTo("&#1234567;");
		assertThat(view("&#65535;")).isEqualTo("\uffff");
		assertThat(view("&#65536;")).isEqualTo("&#65536;");
		assertThat(view("\\u00e")).isEqualTo("\\u00e");
		assertThat(view("\\u00e9")).isEqualTo("é");
		assertThat(view("%4")).isEqualTo("%4");
		assertThat(view("%41")).isEqualTo("A");
		assertThat(view("\\x4")).isEqualTo("\\x4");
		assertThat(view("\\x41\\x")).isEqualTo("A\\x");
	}

	@Test
	void textThatDecodesToItselfHasNoViewOfItsOwn() {
		assertThat(EncodedText.views("100% of it \\q")).isEmpty();
		assertThat(EncodedText.views("a%41")).singleElement().extracting(EncodedText::view).isEqualTo("aA");
	}

	/** The text a view's character came from. */
	private static String sources(String text, int viewIndex) {
		EncodedText decoded = EncodedText.views(text).get(0);
		BitSet inView = new BitSet();
		inView.set(viewIndex);
		BitSet inText = new BitSet();
		decoded.markSources(inView, inText);
		return text.substring(inText.nextSetBit(0), inText.nextClearBit(inText.nextSetBit(0)));
	}

	/** The first view (escape sequences as a space), or the text itself when nothing decodes. */
	private static String view(String text) {
		List<EncodedText> views = EncodedText.views(text);
		return views.isEmpty() ? text : views.get(0).view();
	}

}
