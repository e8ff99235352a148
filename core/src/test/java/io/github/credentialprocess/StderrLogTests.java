package io.github.credentialprocess;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A helper's stderr reaches the log while it runs, line by line: a prompt for a person is seen
 * while the helper waits for them, a chatty helper cannot flood the log, a known secret is masked.
 */
class StderrLogTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	private static final String JSON = Scripts.credentialsJson(Optional.empty());

	private static final String STDERR_LOGGER = " " + StderrLog.LOGGER_NAME + " ";

	@TempDir
	Path folder;

	private Scripts scripts;

	@BeforeEach
	void setUp() {
		this.scripts = new Scripts(this.folder);
	}

	@Test
	void promptOfAHelperWaitingForAPersonIsLoggedBeforeItExits() throws Exception {
		Path answered = this.folder.resolve("answered");
		Path script = this.scripts.script("echo 'Open https://device.sso.example.com/ and enter the code ABCD-EFGH' >&2\n"
				+ "while [ ! -f '" + answered + "' ]; do sleep 0.05; done\nprintf '%s' '" + JSON + "'");
		try (LogCapture log = new LogCapture();
				CredentialProcessProvider provider = this.scripts.provider(script).timeout(WAIT).build()) {
			CompletableFuture<ProcessCredentials> caller = CompletableFuture.supplyAsync(provider::resolveCredentials);
			await().atMost(WAIT).until(() -> log.lines(Level.INFO)
				.stream()
				.anyMatch((line) -> line.contains(STDERR_LOGGER) && line.contains("enter the code ABCD-EFGH")));
			assertThat(caller).as("the helper is still waiting").isNotDone();
			Files.writeString(answered, "yes");
			assertThat(caller).succeedsWithin(WAIT);
		}
	}

	@Test
	void fastSuccessfulRunLogsItsStderrAtDebugOnly() {
		Path script = this.scripts.script("echo 'using cached role credentials' >&2\nprintf '%s' '" + JSON + "'");
		try (LogCapture log = new LogCapture();
				CredentialProcessProvider provider = this.scripts.provider(script).build()) {
			provider.resolveCredentials();
			assertThat(log.lines(Level.DEBUG)).anyMatch((line) -> line.contains(STDERR_LOGGER)
					&& line.contains("using cached role credentials"));
			assertThat(log.lines(Level.INFO)).noneMatch((line) -> line.contains(STDERR_LOGGER));
		}
	}

	@Test
	void failedRunLogsItsStderrAtWarn() {
		Path script = this.scripts.script("echo 'token expired, run aws sso login' >&2\nexit 2");
		try (LogCapture log = new LogCapture();
				CredentialProcessProvider provider = this.scripts.provider(script).build()) {
			org.assertj.core.api.Assertions.catchThrowable(provider::resolveCredentials);
			assertThat(log.lines(Level.WARN)).anyMatch((line) -> line.contains(STDERR_LOGGER)
					&& line.contains("token expired, run aws sso login"));
		}
	}

	@Test
	void failingHelperPastTheHoldHasItsStderrSaidOnceInTheLog() throws Exception {
		Path released = this.folder.resolve("released");
		Path script = this.scripts.script("echo 'token expired, run aws sso login' >&2\n"
				+ "while [ ! -f '" + released + "' ]; do sleep 0.05; done\nexit 2");
		try (LogCapture log = new LogCapture();
				CredentialProcessProvider provider = this.scripts.provider(script).timeout(WAIT).build()) {
			CompletableFuture<ProcessCredentials> caller = CompletableFuture.supplyAsync(provider::resolveCredentials);
			await().atMost(WAIT).until(() -> log.lines(Level.INFO)
				.stream()
				.anyMatch((line) -> line.contains(STDERR_LOGGER) && line.contains("token expired")));
			Files.writeString(released, "yes");
			assertThat(caller).failsWithin(WAIT)
				.withThrowableThat()
				.withMessageContaining("stderr: token expired, run aws sso login");
			assertThat(log.lines()).filteredOn((line) -> line.contains("token expired")).hasSize(1);
			assertThat(log.lines(Level.WARN)).anyMatch((line) -> line.contains("Credential process run failed")
					&& line.contains("stderr: logged above by " + StderrLog.LOGGER_NAME));
		}
	}

	@Test
	void fastFailingHelperHasItsStderrSaidOnceInTheLog() {
		Path script = this.scripts.script("echo 'token expired, run aws sso login' >&2\nexit 2");
		try (LogCapture log = new LogCapture();
				CredentialProcessProvider provider = this.scripts.provider(script).build()) {
			org.assertj.core.api.Assertions.catchThrowable(provider::resolveCredentials);
			assertThat(log.lines()).filteredOn((line) -> line.contains("token expired")).hasSize(1);
		}
	}

	@Test
	void failingHelperWithItsStderrLoggerOffHasTheTailInTheWarning() {
		Path script = this.scripts.script("echo 'token expired, run aws sso login' >&2\nexit 2");
		ch.qos.logback.classic.Logger stderrLogger = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
			.getLogger(StderrLog.LOGGER_NAME);
		Level before = stderrLogger.getLevel();
		stderrLogger.setLevel(Level.OFF);
		try (LogCapture log = new LogCapture();
				CredentialProcessProvider provider = this.scripts.provider(script).build()) {
			org.assertj.core.api.Assertions.catchThrowable(provider::resolveCredentials);
			assertThat(log.lines(Level.WARN)).filteredOn((line) -> line.contains("token expired"))
				.singleElement()
				.asString()
				.contains("Credential process run failed");
		}
		finally {
			stderrLogger.setLevel(before);
		}
	}

	@Test
	void chattyHelperIsCappedAndTheLogSaysHowManyLinesWereDropped() {
		Path script = this.scripts.script("i=0\nwhile [ $i -lt 200 ]; do echo \"debug line $i\" >&2; i=$((i+1)); done\n"
				+ "sleep 1\nprintf '%s' '" + JSON + "'");
		try (LogCapture log = new LogCapture();
				CredentialProcessProvider provider = this.scripts.provider(script).build()) {
			provider.resolveCredentials();
			assertThat(log.lines(Level.INFO).stream().filter((line) -> line.contains(STDERR_LOGGER) && line.contains("debug line")))
				.hasSize(StderrLog.MAX_LINES);
			assertThat(log.lines(Level.INFO)).anyMatch((line) -> line.contains(STDERR_LOGGER)
					&& line.contains((200 - StderrLog.MAX_LINES) + " more stderr line(s) not logged"));
		}
	}

	@Test
	void environmentValueEchoedToStderrIsMaskedInTheLiveLog() {
		String secret = "vault-passphrase-0123456789";
		Path script = this.scripts.script("echo \"unlocking with $VAULT_PASSPHRASE\" >&2\nsleep 1\nprintf '%s' '" + JSON + "'");
		try (LogCapture log = new LogCapture();
				CredentialProcessProvider provider = this.scripts.provider(script)
					.environment(Map.of("VAULT_PASSPHRASE", secret))
					.build()) {
			provider.resolveCredentials();
			assertThat(log.lines()).anyMatch((line) -> line.contains(STDERR_LOGGER) && line.contains("unlocking with ****"));
			assertThat(log.lines()).noneMatch((line) -> line.contains(secret));
		}
	}

	@Test
	void helperEchoingItsCredentialsToStderrHasThemMaskedInTheLog() {
		// Fast: its lines are logged at DEBUG once the run is over, masked with what it printed.
		Path fast = this.scripts.script("echo \"debug: returning $(printf '%s' '" + JSON + "')\" >&2\n"
				+ "echo 'secret is " + Scripts.SECRET_ACCESS_KEY + "' >&2\nprintf '%s' '" + JSON + "'");
		// Slow: its lines are logged live, before it prints anything; the JSON field names give it away.
		Path slow = this.scripts.script("echo \"debug: returning $(printf '%s' '" + JSON + "')\" >&2\n"
				+ "echo 'export AWS_SESSION_TOKEN=" + Scripts.SESSION_TOKEN + "' >&2\nsleep 1\nprintf '%s' '" + JSON + "'");
		for (Path script : java.util.List.of(fast, slow)) {
			try (LogCapture log = LogCapture.everything();
					CredentialProcessProvider provider = this.scripts.provider(script).build()) {
				provider.resolveCredentials();
				assertThat(log.lines()).anyMatch((line) -> line.contains(STDERR_LOGGER) && line.contains("debug: returning"));
				assertThat(log.lines()).noneMatch((line) -> line.contains(Scripts.SECRET_ACCESS_KEY)
						|| line.contains(Scripts.SESSION_TOKEN));
			}
		}
	}

	@Test
	void longLinesAreCutAndControlCharactersReplaced() {
		Path script = this.scripts.script("printf 'forged\\033[2J%s\\n' \"$(head -c 2000 /dev/zero | tr '\\0' y | sed 's/yy/y /g')\" >&2\n"
				+ "sleep 1\nprintf '%s' '" + JSON + "'");
		try (LogCapture log = new LogCapture();
				CredentialProcessProvider provider = this.scripts.provider(script).build()) {
			provider.resolveCredentials();
			assertThat(log.lines(Level.INFO)).filteredOn((line) -> line.contains(STDERR_LOGGER))
				.singleElement()
				.satisfies((line) -> assertThat(line).contains("forged [2J").endsWith("[cut]").doesNotContain("\\u001b"));
		}
	}

	@Test
	void helperWritingNothingToStderrLogsNothing() {
		Path script = this.scripts.script("sleep 1\nprintf '%s' '" + JSON + "'");
		try (LogCapture log = new LogCapture();
				CredentialProcessProvider provider = this.scripts.provider(script).build()) {
			provider.resolveCredentials();
			assertThat(log.lines()).noneMatch((line) -> line.contains(STDERR_LOGGER));
		}
	}

	@Test
	void eachLineOfOneReadIsLoggedOnItsOwn() {
		assertThat(loggedAfterSuccess("first line\nsecond line\n")).containsExactly("[helper] first line",
				"[helper] second line");
	}

	@Test
	void lastLineWithoutALineBreakIsLoggedWhenTheRunEnds() {
		assertThat(loggedAfterSuccess("no line break")).containsExactly("[helper] no line break");
	}

	@Test
	void lineOfExactlyTheByteLimitAndTheMarginIsReadWhole() {
		// A token is masked to one mask however long, so only a cut line would say [cut].
		assertThat(loggedAfterSuccess("A".repeat(byteLimit()) + "\n")).containsExactly("[helper] ****");
	}

	@Test
	void lineOneBytePastTheByteLimitAndTheMarginIsMarkedAsCut() {
		assertThat(loggedAfterSuccess("A".repeat(byteLimit() + 1) + "\n")).containsExactly("[helper] **** [cut]");
	}

	@Test
	void lineReadInPiecesIsLimitedAsAWhole() {
		assertThat(loggedAfterSuccess("A".repeat(byteLimit() - 10), "A".repeat(11) + "\n"))
			.containsExactly("[helper] **** [cut]");
	}

	@Test
	void lineOfExactlyTheCharacterLimitIsLoggedWhole() {
		String line = "x ".repeat(StderrLog.MAX_LINE_CHARACTERS / 2 - 1) + "xy";
		assertThat(loggedAfterSuccess(line + "\n")).containsExactly("[helper] " + line);
	}

	@Test
	void lineOneCharacterPastTheCharacterLimitIsCutThere() {
		String line = "x ".repeat(StderrLog.MAX_LINE_CHARACTERS / 2) + "y";
		assertThat(loggedAfterSuccess(line + "\n"))
			.containsExactly("[helper] " + line.substring(0, StderrLog.MAX_LINE_CHARACTERS) + " [cut]");
	}

	@Test
	void linesPastTheCapOfAFailedRunAreCountedInAWarning() {
		try (LogCapture log = new LogCapture()) {
			StderrLog stderr = stderrLog();
			feed(stderr, "line\n".repeat(StderrLog.MAX_LINES + 2));
			stderr.finish(false);
			assertThat(messages(log, Level.WARN)).hasSize(StderrLog.MAX_LINES + 1)
				.last()
				.isEqualTo("[helper] 2 more stderr line(s) not logged (at most " + StderrLog.MAX_LINES + " a run)");
		}
	}

	@Test
	void heldLinesAreLoggedOnceWhenTheHoldEnds() {
		try (LogCapture log = new LogCapture()) {
			StderrLog stderr = stderrLog();
			feed(stderr, "waiting for you\n");
			await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
				stderr.tick();
				return !messages(log, Level.INFO).isEmpty();
			});
			stderr.finish(true);
			assertThat(messages(log, Level.INFO)).containsExactly("[helper] waiting for you");
			assertThat(messages(log, Level.DEBUG)).isEmpty();
		}
	}

	@Test
	void endOfALineCutAtTheByteLimitIsMaskedSoThatMaskingBeforeItBringsNothingIntoView() {
		// A blob that masks to one mask, then numbered words running past the byte limit: the words
		// in the margin before the cut (where a secret might start) must not move into view.
		int margin = Redactor.of(List.of()).margin();
		String blob = "QUJD".repeat((byteLimit() - margin - 300) / 4);
		StringBuilder words = new StringBuilder();
		for (int i = 0; i < (margin + 300) / 6 + 100; i++) {
			words.append(String.format("w%04d ", i));
		}
		String line = blob + " " + words + "\n";
		String kept = line.substring(0, byteLimit());
		String nearTheCut = kept.substring(kept.length() - margin);
		List<String> hidden = java.util.Arrays.stream(nearTheCut.split(" "))
			.filter((word) -> word.length() == 5)
			.toList();
		List<String> logged = loggedAfterSuccess(line);
		assertThat(hidden).isNotEmpty();
		assertThat(logged).singleElement().satisfies((message) -> assertThat(message).endsWith("**** [cut]")
			.contains("w0000")
			.doesNotContain(hidden));
	}

	@Test
	void lineThatIsNotCutKeepsItsEnd() {
		List<String> logged = loggedAfterSuccess("QUJD".repeat(100) + " seen-words\n");
		assertThat(logged).singleElement().satisfies((message) -> assertThat(message).endsWith("**** seen-words"));
	}

	/** What the stderr log of a run that wrote these reads and then succeeded logs, at DEBUG. */
	private static List<String> loggedAfterSuccess(String... reads) {
		try (LogCapture log = new LogCapture()) {
			StderrLog stderr = stderrLog();
			for (String read : reads) {
				feed(stderr, read);
			}
			stderr.finish(true);
			return messages(log, Level.DEBUG);
		}
	}

	private static StderrLog stderrLog() {
		return new StderrLog("helper", Redactor.of(List.of()));
	}

	/** How many bytes of a line are read: the limit and, past it, the margin of a gate that knows no values. */
	private static int byteLimit() {
		return StderrLog.MAX_LINE_BYTES + 4 * Redactor.of(List.of()).margin();
	}

	private static void feed(StderrLog stderr, String text) {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		stderr.accept(bytes, 0, bytes.length);
	}

	/** What the stderr logger logged at the level, without level and logger name. */
	private static List<String> messages(LogCapture log, Level level) {
		return log.lines(level)
			.stream()
			.filter((line) -> line.contains(STDERR_LOGGER))
			.map((line) -> line.substring(line.indexOf(STDERR_LOGGER) + STDERR_LOGGER.length()))
			.toList();
	}

}
