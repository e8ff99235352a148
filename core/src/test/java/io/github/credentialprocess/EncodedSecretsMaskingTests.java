package io.github.credentialprocess;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A secret a helper writes escaped, encoded or coloured is still the secret: the gate reads helper
 * text as a reader decodes it ({@link EncodedText}) as well as it is written. Each test runs a real
 * helper and looks at every log line, the exception and its {@code toString()}.
 */
class EncodedSecretsMaskingTests {

	/** A secret access key no run knows: only its shape can give it away. */
	private static final String SECRET = "Zq3+8Yb/Kd0mWlR7tNv2XcE5pHs9uJfA1gLoBi6T";

	private static final String KEY_ID = "ASIAQX7EXAMPLE2WXYZ9";

	@TempDir
	Path folder;

	private Scripts scripts;

	@BeforeEach
	void setUp() {
		this.scripts = new Scripts(this.folder);
	}

	@Test
	void aSessionTokenRightAfterAnEscapedNewlineInAJsonLogLineIsMasked() throws Exception {
		String token = HelperOutputMaskingTests.SHAPED_TOKEN;
		List<String> shown = shownByFailingHelperWriting("{\"msg\":\"assume-role output:\\n" + token + "\\n\"}\n");
		Leaks.assertNoneShown(shown, token);
	}

	@Test
	void aSecretAndKeyIdBetweenEscapedTabsInAJsonLogLineAreMasked() throws Exception {
		List<String> shown = shownByFailingHelperWriting("{\"level\":\"debug\",\"msg\":\"CREDENTIALS\\t" + KEY_ID
				+ "\\t2030-01-01T00:00:00Z\\t" + SECRET + "\\tIQoJtoken\"}\n");
		Leaks.assertNoneShown(shown, SECRET, KEY_ID.substring(0, 16));
	}

	@Test
	void aSecretAndKeyIdInTerminalColoursAreMasked() throws Exception {
		Path script = this.scripts.script("printf 'assumed role dev: key \\033[33m%s\\033[0m secret \\033[33m%s\\033[0m\\n' '"
				+ KEY_ID + "' '" + SECRET + "' >&2\nexit 1");
		Leaks.assertNoneShown(HelperOutputMaskingTests.shown(this.scripts.provider(script)), SECRET,
				KEY_ID.substring(0, 16));
	}

	@Test
	void aColouredSecretLoggedLiveBeforeTheHelperPrintsItOnStdoutIsMasked() {
		String json = "{\"Version\": 1, \"AccessKeyId\": \"" + KEY_ID + "\", \"SecretAccessKey\": \"" + SECRET + "\"}";
		// Past the hold, so the stderr line is logged at once, before stdout tells the run the values.
		Path script = this.scripts.script("sleep 1\nprintf 'got \\033[32m%s\\033[0m / \\033[32m%s\\033[0m\\n' '" + KEY_ID
				+ "' '" + SECRET + "' >&2\nsleep 0.2\nprintf '%s' '" + json + "'");
		try (LogCapture log = LogCapture.everything();
				CredentialProcessProvider provider = this.scripts.provider(script).build()) {
			provider.resolveCredentials();
			assertThat(log.lines(Level.INFO)).anyMatch((line) -> line.contains("got"));
			Leaks.assertNoneShown(log.lines(), SECRET, KEY_ID.substring(0, 16));
		}
	}

	@Test
	void aSecretTheRunKnowsWrittenAsUtf16IsMasked() throws Exception {
		Path utf16 = this.folder.resolve("stderr.bin");
		Files.write(utf16, ("secret: " + Scripts.SECRET_ACCESS_KEY + "\n").getBytes(StandardCharsets.UTF_16LE));
		Path script = this.scripts.script("printf '%s' '" + Scripts.credentialsJson(Optional.empty()) + "'\ncat '"
				+ utf16 + "' >&2\nexit 1");
		List<String> shown = HelperOutputMaskingTests.shown(this.scripts.provider(script));
		// Each NUL becomes a space on the way out: read the text without them.
		Leaks.assertNoneShown(shown.stream().map((text) -> text.replace(" ", "")).toList(), Scripts.SECRET_ACCESS_KEY);
	}

	@Test
	void aUrlEncodedSecretIsMaskedWhetherTheRunKnowsItOrNot() throws Exception {
		String unknown = SECRET.replace("+", "%2B").replace("/", "%2F");
		String known = Scripts.SECRET_ACCESS_KEY.replace("/", "%2F").replace("+", "%2B");
		Path script = this.scripts.script("printf '%s' '" + Scripts.credentialsJson(Optional.empty()) + "'\n"
				+ "echo 'DEBUG POST body: Action=Cache&Key=" + KEY_ID + "&Value=" + unknown + "&Known=" + known
				+ "' >&2\nexit 1");
		List<String> shown = HelperOutputMaskingTests.shown(this.scripts.provider(script));
		Leaks.assertNoneShown(shown.stream().map(EncodedSecretsMaskingTests::urlDecoded).toList(), SECRET,
				Scripts.SECRET_ACCESS_KEY);
	}

	@Test
	void aSecretWithUnicodeEscapesIsMasked() throws Exception {
		String escaped = SECRET.replace("/", "\\u002F").replace("+", "\\u002B");
		List<String> shown = shownByFailingHelperWriting("cached: [\"" + escaped + "\"]\n");
		assertThat(shown).noneMatch((text) -> text.contains(escaped.substring(0, 12)));
		Leaks.assertNoneShown(shown.stream().map((text) -> text.replace("\\u002F", "/").replace("\\u002B", "+")).toList(),
				SECRET);
	}

	@Test
	void anEscapeCharacterRightBeforeAnEncodedSecretNeverHidesItsFirstCharacter() throws Exception {
		String urlEncoded = SECRET.replace("+", "%2B").replace("/", "%2F");
		List<String> shown = shownByFailingHelperWriting("a \u001b" + urlEncoded + "\nb \u001b[" + urlEncoded + "\nc \u001b["
				+ SECRET.replace("/", "\\u002F") + "\n");
		Leaks.assertNoneShown(shown.stream().map(EncodedSecretsMaskingTests::urlDecoded).map(
				(text) -> text.replace("\\u002F", "/")).toList(), SECRET);
	}

	@Test
	void aColourCodeInTheMiddleOfASecretDoesNotSplitItIntoTwoHarmlessHalves() throws Exception {
		List<String> shown = shownByFailingHelperWriting("key " + KEY_ID.substring(0, 8) + "\u001b[0m" + KEY_ID.substring(8)
				+ " secret " + SECRET.substring(0, 20) + "\u001b[1m" + SECRET.substring(20) + "\n");
		Leaks.assertNoneShown(shown.stream().map((text) -> text.replace(" [0m", "").replace(" [1m", "")).toList(),
				SECRET, KEY_ID.substring(0, 16));
	}

	@Test
	void aKnownValueWithATabOrNonAsciiCharactersIsMaskedEscapedOrEncoded() throws Exception {
		Path written = this.folder.resolve("stderr.txt");
		Files.writeString(written, "{\"msg\":\"using correct\\thorse battery staple\"}\n"
				+ "GET https://user:p%C3%A4ssw%C3%B6rd-Geheimnis-42@host/ failed\nbytes b'p\\xc3\\xa4ssw\\xc3\\xb6rd-Geheimnis-42'\n");
		List<String> shown = HelperOutputMaskingTests.shown(this.scripts.provider(this.scripts.script("cat '" + written
				+ "' >&2\nexit 1")).environment(java.util.Map.of("HELPER_PASS", "correct\thorse battery staple",
						"HELPER_PW", "pässwörd-Geheimnis-42")));
		assertThat(shown).noneMatch((text) -> text.contains("horse battery") || text.contains("Geheimnis"));
	}

	@Test
	void aSecretEncodedTwiceOrSplitByAnInvisibleCharacterIsMasked() throws Exception {
		List<String> shown = shownByFailingHelperWriting("double " + SECRET.replace("+", "%252B").replace("/", "%252F")
				+ "\nhtml " + SECRET.replace("+", "&#43;").replace("/", "&#x2F;") + "\nzero-width " + KEY_ID.substring(0, 10)
				+ "\u200b" + KEY_ID.substring(10) + "\n");
		assertThat(shown).noneMatch((text) -> text.contains("Kd0mWlR7tNv2") || text.contains("QX7EXAMP"));
	}

	private List<String> shownByFailingHelperWriting(String stderr) throws Exception {
		Path written = this.folder.resolve("stderr.txt");
		Files.writeString(written, stderr);
		return HelperOutputMaskingTests.shown(this.scripts.provider(this.scripts.script("cat '" + written + "' >&2\nexit 1")));
	}

	private static String urlDecoded(String text) {
		return text.replace("%2B", "+").replace("%2F", "/");
	}

}
