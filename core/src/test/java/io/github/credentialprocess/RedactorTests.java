package io.github.credentialprocess;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * What a failing helper repeats on stderr is masked before it reaches an error message or the log:
 * the credentials it printed, its own arguments, values spanning lines or written as JSON escapes,
 * a secret cut by the start of the kept tail, the previous access key id.
 */
class RedactorTests {

	private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY";

	@TempDir
	Path folder;

	private Scripts scripts;

	@BeforeEach
	void setUp() {
		this.scripts = new Scripts(this.folder);
	}

	@Test
	void credentialsPrintedToStdoutAndEchoedToStderrByAFailingHelperAreMasked() {
		String json = Scripts.credentialsJson(java.util.Optional.empty());
		Path script = this.scripts.script("printf '%s' '" + json + "'\necho \"debug: response=$(printf '%s' '" + json
				+ "')\" >&2\necho \"the secret is " + Scripts.SECRET_ACCESS_KEY + " and the token " + Scripts.SESSION_TOKEN
				+ "\" >&2\nexit 1");
		assertNoSecretIn(failureOf(this.scripts.provider(script)), Scripts.SECRET_ACCESS_KEY, Scripts.SESSION_TOKEN);
	}

	@Test
	void argumentsEchoedByTheHelperAreMasked() {
		Path script = this.scripts.script("echo \"ls: unrecognized option '$1'\" >&2\necho \"+ helper $2 $3\" >&2\nexit 2");
		CredentialProcessProvider.Builder builder = CredentialProcessProvider.builder()
			.command(List.of(script.toString(), "--password=hunter2-passw0rd", "--token", "mfa-789012-secret"));
		assertNoSecretIn(failureOf(builder), "hunter2-passw0rd", "mfa-789012-secret");
	}

	@Test
	void secretSpanningLinesIsMaskedWhole() {
		String pem = "-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END KEY-----";
		Path script = this.scripts.script("printf '%s\\n' \"$PEM\" >&2\nexit 1");
		assertNoSecretIn(failureOf(this.scripts.provider(script).environment(Map.of("PEM", pem))),
				"MIIEvQIBADANBgkqhkiG9w0BAQEFAASC");
	}

	@Test
	void secretSpanningLinesIsMaskedInTheLiveLogToo() {
		String pem = "-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END KEY-----";
		Path script = this.scripts.script("printf '%s\\n' \"$PEM\" >&2\nsleep 1\nprintf '%s' '"
				+ Scripts.credentialsJson(java.util.Optional.empty()) + "'");
		try (LogCapture log = LogCapture.everything();
				CredentialProcessProvider provider = this.scripts.provider(script).environment(Map.of("PEM", pem)).build()) {
			provider.resolveCredentials();
			assertThat(log.lines(Level.INFO)).anyMatch((line) -> line.contains(StderrLog.LOGGER_NAME));
			assertThat(log.lines()).noneMatch((line) -> line.contains("MIIEvQIBADANBgkqhkiG9w0BAQEFAASC"));
		}
	}

	@Test
	void secretWrittenWithJsonEscapesIsMasked() {
		Path script = this.scripts.script("printf '{\"echo\":\"%s\"}\\n' \"$(printf '%s' \"$VALUE\" | sed 's|/|\\\\/|g')\" >&2\nexit 1");
		CredentialProcessException failure = failureOf(this.scripts.provider(script).environment(Map.of("VALUE", SECRET)));
		assertThat(failure.getMessage()).contains("{\"echo\":\"****\"}");
		assertNoSecretIn(failure, SECRET, SECRET.replace("/", "\\/"), "bPxRfiCYSECRETKEY");
	}

	@Test
	void secretCutByTheStartOfTheKeptTailShowsNoPart() {
		Path script = this.scripts.script("echo \"$VALUE\" >&2\nhead -c 1010 /dev/zero | tr '\\0' x >&2\nexit 1");
		assertNoSecretIn(failureOf(this.scripts.provider(script).environment(Map.of("VALUE", SECRET))), "SECRETKEY");
	}

	@Test
	void previousAccessKeyIdEchoedByAFailingRefreshIsMasked() {
		Path script = this.scripts.script("RUN=$(wc -l < '" + this.scripts.runsFile() + "')\n"
				+ "if [ \"$RUN\" -gt 1 ]; then echo 'refreshing AKIAEXAMPLEKEY12345 failed' >&2; exit 1; fi\n"
				+ "printf '%s' '" + Scripts.credentialsJson(java.util.Optional.empty()) + "'");
		try (LogCapture log = LogCapture.everything();
				CredentialProcessProvider provider = this.scripts.provider(script)
					.minRefreshInterval(java.time.Duration.ZERO)
					.build()) {
			provider.resolveCredentials();
			CredentialProcessException failure = catchThrowableOfType(CredentialProcessException.class, provider::refresh);
			assertThat(failure.getMessage()).contains("refreshing **** failed");
			assertThat(log.lines()).noneMatch((line) -> line.contains(Scripts.ACCESS_KEY_ID));
		}
	}

	private static CredentialProcessException failureOf(CredentialProcessProvider.Builder builder) {
		try (LogCapture log = LogCapture.everything(); CredentialProcessProvider provider = builder.build()) {
			CredentialProcessException failure = catchThrowableOfType(CredentialProcessException.class,
					provider::resolveCredentials);
			assertThat(failure).isNotNull();
			assertThat(log.lines(Level.WARN)).isNotEmpty();
			for (String line : log.lines()) {
				assertThat(line).doesNotContain(SECRET).doesNotContain(Scripts.SESSION_TOKEN);
			}
			return failure;
		}
	}

	private static void assertNoSecretIn(CredentialProcessException failure, String... secrets) {
		for (String secret : secrets) {
			assertThat(failure.getMessage()).doesNotContain(secret).doesNotContain(secret.substring(secret.length() / 2));
		}
	}

}
