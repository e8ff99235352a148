package io.github.credentialprocess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Whatever a real helper prints, no secret it knows of reaches a log line or an error message: one
 * test for each way a secret used to get out (the live stderr log, an STS response body, field
 * names in other syntaxes, values recognised only by their shape, shell words, long lines, the
 * inherited environment). Each output is checked for the whole secret and any piece of
 * {@value Leaks#PIECE} characters of it.
 */
class HelperOutputMaskingTests {

	/** Shaped like an AWS secret access key: 40 characters of base64. */
	static final String SHAPED_SECRET = "Zq3+8Yb/Kd0mWlR7tNv2XcE5pHs9uJfA1gLoBi6T";

	/** Shaped like a temporary AWS access key id. */
	static final String SHAPED_KEY_ID = "ASIAQX7EXAMPLE2WXYZ9";

	/** Shaped like an AWS session token: a long run of base64. */
	static final String SHAPED_TOKEN = "IQoJb3JpZ2luX2VjE" + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/".repeat(8) + "Zz==";

	/** A secret of no recognisable shape, known to nobody but the helper. */
	private static final String UNSHAPED = "Hunter2-correct-horse-battery";

	@TempDir
	Path folder;

	private Scripts scripts;

	@BeforeEach
	void setUp() {
		this.scripts = new Scripts(this.folder);
	}

	/** Finding 1: a slow helper echoing the credentials it printed, logged live at INFO. */
	@Test
	void credentialsEchoedToStderrAfterStdoutAreMaskedInTheLiveLog() {
		Path script = this.scripts.script("printf '%s' '" + Scripts.credentialsJson(Optional.empty()) + "'\n"
				+ "sleep 1\necho \"debug: got " + Scripts.ACCESS_KEY_ID + " " + Scripts.SECRET_ACCESS_KEY + " "
				+ Scripts.SESSION_TOKEN + "\" >&2");
		try (LogCapture log = LogCapture.everything();
				CredentialProcessProvider provider = this.scripts.provider(script).build()) {
			provider.resolveCredentials();
			assertThat(log.lines(Level.INFO)).anyMatch((line) -> line.contains("debug: got"));
			Leaks.assertNoneShown(log.lines(), Scripts.SECRET_ACCESS_KEY, Scripts.SESSION_TOKEN, Scripts.ACCESS_KEY_ID);
		}
	}

	/** Finding 2: what a helper run with --debug prints before its JSON. */
	@Test
	void stsResponseBodyOnStderrIsMasked() {
		String body = "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>" + SHAPED_KEY_ID
				+ "</AccessKeyId><SecretAccessKey>" + UNSHAPED + "</SecretAccessKey><SessionToken>" + UNSHAPED
				+ "-token</SessionToken><Expiration>2030-01-01T00:00:00Z</Expiration></Credentials>"
				+ "</AssumeRoleResult></AssumeRoleResponse>";
		List<String> shown = failingWith("echo 'DEBUG - Response body: " + body + "' >&2");
		Leaks.assertNoneShown(shown, UNSHAPED, SHAPED_KEY_ID.substring(0, 16));
		assertThat(String.join("\n", shown)).contains("<Expiration>2030-01-01T00:00:00Z</Expiration>");
	}

	/** Finding 3: the value after a credential-like name, in the syntaxes helpers print. */
	@ParameterizedTest
	@ValueSource(strings = { "{'SecretAccessKey': '%s', 'Region': 'eu-west-1'}", "export AWS_SECURITY_TOKEN=%s",
			"AWS_SECRET_KEY=\"%s\"", "{\"SecretAccessKey\" => \"%s\"}", "secret_access_key: %s",
			"aws_session_token = %s", "x-amz-security-token: %s", "{SecretAccessKey:%s SessionToken:x}",
			"{\"credentials\": \"{\\\"SecretAccessKey\\\": \\\"%s\\\"}\"}" })
	void valueAfterACredentialNameIsMaskedInEverySyntax(String format) {
		String line = String.format(format, UNSHAPED);
		Path lineFile = this.folder.resolve("line.txt");
		write(lineFile, line + "\n");
		Leaks.assertNoneShown(failingWith("cat '" + lineFile + "' >&2"), UNSHAPED);
	}

	/** Finding 4: credentials under names nobody can list, recognised by their shape. */
	@Test
	void credentialShapedValuesAreMaskedWhateverPrecedesThem() {
		List<String> shown = failingWith("echo 'cached material for role dev: " + SHAPED_SECRET + "' >&2\n"
				+ "echo '" + SHAPED_TOKEN + "' >&2\necho 'using " + SHAPED_KEY_ID + " for dev' >&2");
		Leaks.assertNoneShown(shown, SHAPED_SECRET, SHAPED_TOKEN, SHAPED_KEY_ID.substring(0, 16));
		assertThat(String.join("\n", shown)).as("a key id is shown masked to its last four").contains("****XYZ9");
	}

	/** Finding 5: a backslash-escaped space belongs to the assignment, as in sh; so does a Unicode space. */
	@ParameterizedTest
	@ValueSource(strings = { "\\ ", "\u2003" })
	void assignmentValueWithAnEscapedOrUnicodeSpaceIsNeverTheExecutableName(String space) {
		Path script = this.scripts.script("echo \"passphrase is $HELPER_PASSPHRASE\" >&2\nexit 1");
		String commandLine = "HELPER_PASSPHRASE=correct" + space + "horse-battery-staple " + script;
		List<String> shown = shown(CredentialProcessProvider.builder().command(commandLine));
		assertThat(String.join("\n", shown)).contains("'" + script.getFileName() + "'");
		Leaks.assertNoneShown(shown, "horse-battery-staple");
	}

	/** Finding 6: a quoted assignment of short words is one value, masked whole. */
	@Test
	void quotedAssignmentOfShortWordsIsMaskedWhole() {
		Path script = this.scripts.script("echo \"P is $P\" >&2\nexit 1");
		List<String> shown = shown(CredentialProcessProvider.builder().command("P='my cat Tom is 7 yrs old' " + script));
		assertThat(String.join("\n", shown)).doesNotContain("my cat Tom is 7 yrs old").contains("P is ****");
	}

	/** Finding 7: a line longer than the cut, whose masked head moves a cut secret into view. */
	@Test
	void secretPastTheCutOfALongLineShowsNoPart() {
		String secret = "long-secret-value-0123456789-abcdefghijk";
		Leaks.assertNoneShown(shownWhenRepeatedOnStderr(secret, 60, "echo >&2"), secret);
	}

	/** Finding 7, the error tail: the kept window starts inside a secret, and masking shrinks the rest. */
	@Test
	void secretCutByTheStartOfTheKeptWindowShowsNoPart() {
		String secret = "window-secret-value-0123456789-abcdefghijklmnopqrstuvwxyz";
		Leaks.assertNoneShown(shownWhenRepeatedOnStderr(secret, 300, ""), secret);
	}

	/** What a failing helper shows that writes a known secret to stderr {@code times} times on one line. */
	private List<String> shownWhenRepeatedOnStderr(String secret, int times, String then) {
		Path script = this.scripts.script("i=0; while [ $i -lt " + times + " ]; do printf '%s ' \"$VALUE\" >&2; "
				+ "i=$((i+1)); done\n" + then + "\nexit 1");
		return shown(this.scripts.provider(script).environment(Map.of("VALUE", secret)));
	}

	/** Finding 9: the application's own secret-named variables, which the helper inherits. */
	@Test
	void inheritedSecretNamedVariablesAreMaskedWhenTheHelperDumpsItsEnvironment() {
		String inherited = System.getenv("CREDENTIAL_PROCESS_TEST_DB_PASSWORD");
		assertThat(inherited).as("set for the test JVM by the build (surefire environmentVariables)").isNotBlank();
		List<String> shown = failingWith("env >&2");
		assertThat(String.join("\n", shown)).contains("CREDENTIAL_PROCESS_TEST_DB_PASSWORD=****");
		Leaks.assertNoneShown(shown, inherited);
	}

	/** Finding 8: a newline in AccountId would forge a log line through the credentials' toString(). */
	@Test
	void accountIdThatIsNotTwelveDigitsIsRefusedWithoutQuotingIt() {
		String json = Scripts.credentialsJson(Optional.empty()).replace("}", ", \"AccountId\": \"1234\\nINFO forged line\"}");
		Path script = this.scripts.printing(json);
		try (LogCapture log = LogCapture.everything();
				CredentialProcessProvider provider = this.scripts.provider(script).build()) {
			CredentialProcessException failure = catchThrowableOfType(CredentialProcessException.class,
					provider::resolveCredentials);
			assertThat(failure).isNotNull();
			assertThat(failure.code()).isEqualTo(ErrorCode.PARSE);
			assertThat(failure.getMessage()).contains("\"AccountId\"").contains("12 digits").doesNotContain("forged");
			assertThat(log.lines()).noneMatch((line) -> line.contains("forged"));
		}
	}

	/** Review of issue 17: an option word with its value glued on ({@code -pPASSWORD}) is an argument to mask. */
	@Test
	void optionWithItsValueGluedOnIsMasked() {
		Path script = this.scripts.script("echo \"connecting with args: $*\" >&2\nexit 1");
		List<String> shown = shown(CredentialProcessProvider.builder()
			.command(List.of(script.toString(), "-pHunter2CorrectHorse", "--token", "-Zq8-unshaped-mfa-secret")));
		Leaks.assertNoneShown(shown, "Hunter2CorrectHorse", "Zq8-unshaped-mfa-secret");
		assertThat(String.join("\n", shown)).contains("--token");
	}

	/** Review of issue 17: masking the start of a cut line must not bring what lay at the cut into view. */
	@Test
	void secretAtTheByteCutOfALineIsNeverBroughtIntoViewByMaskingBeforeIt() {
		String blob = "QUJD".repeat(752) + "QQ";
		Path script = this.scripts.script("printf '%s %s %s\\n' '" + blob + "' \"$VALUE\" '" + SHAPED_SECRET + "' >&2\nexit 1");
		List<String> shown = shown(this.scripts.provider(script).environment(Map.of("VALUE", UNSHAPED)));
		Leaks.assertNoneShown(shown, UNSHAPED, SHAPED_SECRET);
	}

	/** Review of issue 17: an error window holding only the end of one long line shows none of it. */
	@Test
	void errorWindowInsideOneLongLineShowsNothingOfIt() {
		String words = "correct horse battery staple ".repeat(30);
		Path script = this.scripts.script("printf 'password=\"%s\" %s' '" + words + "' '" + "QUJD".repeat(1900)
				+ "' >&2\nexit 1");
		List<String> shown = shown(this.scripts.provider(script));
		Leaks.assertNoneShown(shown, "battery staple correct horse");
		assertThat(String.join("\n", shown)).contains(StderrTail.UNREADABLE_LINE);
	}

	/** Review of issue 17: a JSON Web Token, and the credentials of an authorization header. */
	@Test
	void jwtAndBearerCredentialsAreMasked() {
		String jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwiaWF0IjoxNTE2MjM5MDIyfQ"
				+ ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
		List<String> shown = failingWith("echo 'Authorization: Bearer " + jwt + "' >&2\necho 'token " + jwt
				+ "' >&2\necho 'Authorization: Basic dXNlcjpodW50ZXIyLXBhc3M=' >&2");
		Leaks.assertNoneShown(shown, jwt, "dXNlcjpodW50ZXIyLXBhc3M=");
	}

	/** Review of issue 17: a name written as words ({@code Secret Access Key:}). */
	@Test
	void valueAfterANameWrittenAsWordsIsMasked() {
		List<String> shown = failingWith("echo 'Secret Access Key: " + UNSHAPED + "' >&2\necho 'API Key: " + UNSHAPED
				+ "-2' >&2");
		Leaks.assertNoneShown(shown, UNSHAPED);
	}

	private List<String> failingWith(String stderrCommands) {
		return shown(this.scripts.provider(this.scripts.script(stderrCommands + "\nexit 1")));
	}

	/**
	 * Runs a failing helper and returns everything that came out: every log line of every logger at
	 * every level, the error message and the exception's {@code toString()}.
	 */
	static List<String> shown(CredentialProcessProvider.Builder builder) {
		try (LogCapture log = LogCapture.everything();
				CredentialProcessProvider provider = builder.timeout(Duration.ofSeconds(20)).build()) {
			CredentialProcessException failure = catchThrowableOfType(CredentialProcessException.class,
					provider::resolveCredentials);
			assertThat(failure).as("the helper fails").isNotNull();
			List<String> shown = new ArrayList<>(log.lines());
			shown.add(failure.getMessage());
			shown.add(failure.toString());
			shown.add(provider.toString());
			return shown;
		}
	}

	private static void write(Path file, String text) {
		try {
			java.nio.file.Files.writeString(file, text);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

}
