package io.github.credentialprocess;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end of stderr kept for an error message: the last kilobyte, masked as one text before it is
 * cut or split, its lines joined, its control characters replaced, and, when the window kept does
 * not hold all of stderr, without the window's first partial line.
 */
class StderrTailTests {

	@Test
	void shortStderrIsKeptWholeWithItsLinesJoined() throws IOException {
		assertThat(tail("first line\nsecond\tline\n", List.of())).isEqualTo("first line | second line");
	}

	@Test
	void onlyTheLastKilobyteIsKept() throws IOException {
		String text = tail("a".repeat(3000) + "\n" + "b ".repeat(600), List.of());
		assertThat(text).hasSize(StderrTail.TAIL_BYTES).doesNotContain("a");
	}

	@Test
	void secretsAreMaskedBeforeTheTextIsCut() throws IOException {
		String secret = "s3cr3t-value-that-is-long";
		String text = tail(secret + " " + "x ".repeat(StderrTail.TAIL_BYTES / 2 - 6), List.of(secret));
		assertThat(text).startsWith("****").doesNotContain("value-that");
	}

	@Test
	void firstPartialLineOfACutWindowIsNeverShown() throws IOException {
		String secret = "window-secret-value-0123456789-abcdefghijklmnopqrstuvwxyz";
		String stderr = (secret + " ").repeat(300) + "\nlast words";
		String text = tail(stderr, List.of(secret));
		assertThat(text).isEqualTo("last words");
	}

	@Test
	void firstPartialLineOfACutWindowIsHiddenUpToItsLineBreak() throws IOException {
		assertThat(tail("x ".repeat(5000) + "x\nlast words", List.of())).isEqualTo("last words");
	}

	@Test
	void cutWindowThatStartsAtALineBreakShowsItsFirstLine() throws IOException {
		// The window is the last 8 KiB: here exactly the line break and what follows it.
		String window = "\nok " + "A".repeat(8 * StderrTail.TAIL_BYTES - 8) + " end";
		assertThat(tail("head" + window, List.of())).isEqualTo("ok **** end");
	}

	@Test
	void chunkLargerThanTheWindowKeepsItsEnd() {
		StderrTail tail = new StderrTail(InputStream.nullInputStream(),
				new StderrLog("helper", Redactor.of(List.of())));
		byte[] chunk = ("x ".repeat(5000) + "x\nlast words").getBytes(StandardCharsets.UTF_8);
		tail.append(chunk, chunk.length);
		assertThat(tail.text(Redactor.of(List.of()))).isEqualTo("last words");
	}

	@Test
	void cutWindowWithoutALineBreakShowsNothingOfTheLine() throws IOException {
		assertThat(tail("z ".repeat(4500) + "end", List.of())).isEqualTo(StderrTail.UNREADABLE_LINE);
	}

	@Test
	void allOfStderrInTheWindowIsShownFromItsStart() throws IOException {
		assertThat(tail("****leading mask is a secret", List.of())).isEqualTo("****leading mask is a secret");
	}

	@Test
	void emptyStderrGivesNothing() throws IOException {
		assertThat(tail("", List.of())).isEmpty();
	}

	static String tail(String stderr, List<String> secrets) throws IOException {
		StderrLog log = new StderrLog("helper", Redactor.of(secrets));
		StderrTail tail = new StderrTail(new ByteArrayInputStream(stderr.getBytes(StandardCharsets.UTF_8)), log);
		while (tail.drainAvailable() > 0) {
			// Until all is read.
		}
		return tail.text(Redactor.of(secrets));
	}

}
