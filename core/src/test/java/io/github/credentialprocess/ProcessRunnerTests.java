package io.github.credentialprocess;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * How a credential process is run: it never hangs, never leaves a process behind and never lets
 * its output grow without bound. Every test runs a real process.
 */
class ProcessRunnerTests {

	/** Generous bound that only catches a hang; timings are measured in the benchmarks. */
	private static final Duration HANG_GUARD = Duration.ofSeconds(20);

	private static final String JSON = Scripts.credentialsJson(Optional.empty());

	@TempDir
	Path folder;

	private Scripts scripts;

	private final List<Long> pidsToKill = new java.util.ArrayList<>();

	@BeforeEach
	void setUp() {
		this.scripts = new Scripts(this.folder);
	}

	@AfterEach
	void killLeftovers() {
		this.pidsToKill.forEach((pid) -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
	}

	@Test
	void processReadingStdinGetsEndOfFileInsteadOfHanging() {
		Path script = this.scripts.script("cat > /dev/null\nprintf '%s' '" + JSON + "'");
		assertThat(resolve(this.scripts.provider(script).timeout(HANG_GUARD)).accessKeyId())
			.isEqualTo(Scripts.ACCESS_KEY_ID);
	}

	@Test
	void timeoutKillsTheProcessAndAGrandchildHoldingStdout() throws IOException {
		Path script = this.scripts.script("echo $$ > '" + pidFile("parent") + "'\nsleep 300 &\necho $! > '"
				+ pidFile("grandchild") + "'\nsleep 300");
		CredentialProcessProvider.Builder builder = this.scripts.provider(script).timeout(Duration.ofSeconds(1));
		assertThatExceptionOfType(CredentialProcessException.class)
			.isThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD, () -> resolve(builder)))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.TIMEOUT))
			.withMessageContaining("did not finish within 1s");
		assertDies(readPid("parent"));
		assertDies(readPid("grandchild"));
	}

	@Test
	void timeoutKillsEveryChildOfAProcessThatKeepsForking() throws IOException {
		Path pids = this.folder.resolve("forked.pids");
		// Forks as fast as the shell can, so that a child is born while the tree is being killed. Each
		// child writes its own pid, so that one born after its parent died is counted too.
		Path script = this.scripts.script("i=0\nwhile [ $i -lt 3000 ]; do sh -c 'echo $$ >> \"$0\"; exec sleep 300' '" + pids
				+ "' & i=$((i+1)); done\nwait");
		for (int attempt = 0; attempt < 3; attempt++) {
			Files.deleteIfExists(pids);
			CredentialProcessProvider.Builder builder = this.scripts.provider(script).timeout(Duration.ofMillis(300));
			assertThatExceptionOfType(CredentialProcessException.class)
				.isThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD, () -> resolve(builder)))
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.TIMEOUT));
			List<Long> forked = Files.readAllLines(pids).stream().filter((line) -> !line.isBlank()).map(Long::parseLong).toList();
			this.pidsToKill.addAll(forked);
			assertThat(forked).as("children forked before the kill").isNotEmpty();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(forked).as("forked children still alive")
					.noneMatch((pid) -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
		}
	}

	@Test
	void timeoutKillsAGrandchildThatKeepsForkingWithoutWaitingForItToStop() throws IOException {
		Path pids = this.folder.resolve("forked.pids");
		// The forking of timeoutKillsEveryChildOfAProcessThatKeepsForking one level down, where the
		// root's own stop does not reach: listing a tree that grows lasted as long as the forking did.
		Path script = this.scripts.script("sh -c 'i=0; while [ $i -lt 3000 ]; do sh -c \"echo \\$\\$ >> $0; exec sleep 300\" & "
				+ "i=$((i+1)); done; wait' '" + pids + "' &\nwait");
		CredentialProcessProvider.Builder builder = this.scripts.provider(script).timeout(Duration.ofMillis(500));
		assertThatExceptionOfType(CredentialProcessException.class)
			.isThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD, () -> resolve(builder)))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.TIMEOUT));
		assertNoneAlive(pids);
	}

	@Test
	void timeoutKillsAChainThatIsStillGrowingDeeper() throws IOException {
		Path pids = this.folder.resolve("chain.pids");
		// Each process starts the next: one listed but not yet stopped starts one more level.
		Path script = this.scripts
			.script("n=${1:-200}\necho $$ >> '" + pids + "'\nif [ $n -gt 0 ]; then \"$0\" $((n-1)); else exec sleep 300; fi");
		CredentialProcessProvider.Builder builder = this.scripts.provider(script).timeout(Duration.ofMillis(300));
		assertThatExceptionOfType(CredentialProcessException.class)
			.isThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD, () -> resolve(builder)))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.TIMEOUT));
		assertNoneAlive(pids);
	}

	/** Every process that wrote its pid is dead, and stays so: an escaped one would go on writing pids. */
	private void assertNoneAlive(Path pids) {
		await().atMost(Duration.ofSeconds(10)).during(Duration.ofSeconds(1)).untilAsserted(() -> {
			List<Long> written = Files.readAllLines(pids).stream().filter((line) -> !line.isBlank()).map(Long::parseLong).toList();
			this.pidsToKill.addAll(written);
			assertThat(written).as("processes of the helper still alive")
				.noneMatch((pid) -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
		});
	}

	@Test
	void timeoutKillsAProcessTreeThreeLevelsDeep() throws IOException {
		Path level3 = this.scripts.script("echo $$ > '" + pidFile("level3") + "'\nexec sleep 300");
		Path level2 = this.scripts.script("echo $$ > '" + pidFile("level2") + "'\n'" + level3 + "'");
		Path level1 = this.scripts.script("echo $$ > '" + pidFile("level1") + "'\n'" + level2 + "'");
		CredentialProcessProvider.Builder builder = this.scripts.provider(level1).timeout(Duration.ofSeconds(1));
		assertThatExceptionOfType(CredentialProcessException.class)
			.isThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD, () -> resolve(builder)))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.TIMEOUT));
		assertDies(readPid("level1"));
		assertDies(readPid("level2"));
		assertDies(readPid("level3"));
	}

	@Test
	void processThatClosesStdoutButKeepsRunningTimesOut() throws IOException {
		Path script = this.scripts
			.script("printf '%s' '" + JSON + "'\nexec 1>&-\necho $$ > '" + pidFile("parent") + "'\nsleep 300");
		CredentialProcessProvider.Builder builder = this.scripts.provider(script).timeout(Duration.ofSeconds(1));
		assertThatExceptionOfType(CredentialProcessException.class)
			.isThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD, () -> resolve(builder)))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.TIMEOUT));
		assertDies(readPid("parent"));
	}

	@Test
	void exitWhileABackgroundGrandchildHoldsStdoutReturnsTheOutputAndLeavesTheGrandchildAlone()
			throws IOException {
		Path script = this.scripts.script(
				"printf '%s' '" + JSON + "'\nsleep 300 &\necho $! > '" + pidFile("grandchild") + "'\nexit 0");
		ProcessCredentials credentials = assertTimeoutPreemptively(HANG_GUARD,
				() -> resolve(this.scripts.provider(script)));
		assertThat(credentials.accessKeyId()).isEqualTo(Scripts.ACCESS_KEY_ID);
		long grandchild = readPid("grandchild");
		this.pidsToKill.add(grandchild);
		assertThat(ProcessHandle.of(grandchild).map(ProcessHandle::isAlive)).contains(true);
	}

	@Test
	void outputOfExactlyTheBufferSizeIsAccepted() {
		int limit = 4096;
		String padded = JSON + " ".repeat(limit - JSON.length());
		Path script = this.scripts.printing(padded);
		assertThat(resolve(this.scripts.provider(script).maxBufferSize(limit)).accessKeyId())
			.isEqualTo(Scripts.ACCESS_KEY_ID);
	}

	@Test
	void outputOneByteOverTheBufferSizeIsRefused() {
		int limit = 4096;
		String padded = JSON + " ".repeat(limit + 1 - JSON.length());
		Path script = this.scripts.printing(padded);
		assertThatExceptionOfType(CredentialProcessException.class)
			.isThrownBy(() -> resolve(this.scripts.provider(script).maxBufferSize(limit)))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.OUTPUT_LIMIT))
			.withMessageContaining("more than 4096 bytes");
	}

	@Test
	void oneGibibyteOfOutputIsRefusedWithoutGrowingTheHeap() throws IOException {
		Path script = this.scripts.script("echo $$ > '" + pidFile("writer") + "'\nexec head -c 1073741824 /dev/zero");
		long heapBefore = usedHeapAfterGc();
		assertThatExceptionOfType(CredentialProcessException.class)
			.isThrownBy(() -> assertTimeoutPreemptively(HANG_GUARD, () -> resolve(this.scripts.provider(script))))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.OUTPUT_LIMIT));
		long heapGrowth = usedHeapAfterGc() - heapBefore;
		System.out.printf("Heap growth after a 1 GiB writer: %d bytes%n", heapGrowth);
		assertThat(heapGrowth).isLessThan(8L * 1024 * 1024);
		assertDies(readPid("writer"));
	}

	@Test
	void nonZeroExitIsAnExecutionErrorWithTheExitCodeAndStderr() {
		Path script = this.scripts.script("echo 'token service unreachable' >&2\nexit 3");
		assertThatExceptionOfType(CredentialProcessException.class)
			.isThrownBy(() -> resolve(this.scripts.provider(script)))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.EXECUTION))
			.withMessageContaining("exited with code 3")
			.withMessageContaining("stderr: token service unreachable");
	}

	@ParameterizedTest
	@ValueSource(ints = { 1, 2 })
	void commonFailureExitCodesAreExecutionErrors(int exitCode) {
		Path script = this.scripts.script("exit " + exitCode);
		assertThatExceptionOfType(CredentialProcessException.class)
			.isThrownBy(() -> resolve(this.scripts.provider(script)))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.EXECUTION))
			.withMessageContaining("exited with code " + exitCode + "; it wrote nothing to stderr");
	}

	@Test
	void verySlowWriterThatFinishesInsideTheTimeoutSucceeds() {
		String json = "{\"Version\":1,\"AccessKeyId\":\"AKIDSLOW\",\"SecretAccessKey\":\"S\"}";
		StringBuilder body = new StringBuilder();
		for (char c : json.toCharArray()) {
			body.append("printf '%s' '").append(c).append("'\nsleep 0.1\n");
		}
		Path script = this.scripts.script(body.toString());
		assertThat(resolve(this.scripts.provider(script).timeout(Duration.ofSeconds(30))).accessKeyId())
			.isEqualTo("AKIDSLOW");
	}

	@Test
	void onlyTheLastKibibyteOfStderrIsKept() {
		Path script = this.scripts.script("echo FIRST-LINE >&2\nhead -c 10485760 /dev/zero | tr '\\0' x >&2\n"
				+ "echo >&2\necho LAST-LINE >&2\nexit 1");
		assertThatExceptionOfType(CredentialProcessException.class)
			.isThrownBy(() -> resolve(this.scripts.provider(script)))
			.withMessageContaining("LAST-LINE")
			.withMessageNotContaining("FIRST-LINE")
			.satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(StderrTail.TAIL_BYTES + 500));
	}

	@Test
	void hugeStderrWithValidStdoutSucceeds() {
		Path script = this.scripts
			.script("head -c 10485760 /dev/zero | tr '\\0' x >&2\nprintf '%s' '" + JSON + "'");
		assertThat(resolve(this.scripts.provider(script)).accessKeyId()).isEqualTo(Scripts.ACCESS_KEY_ID);
	}

	@Test
	void tenMebibytesOfStderrLinesThenJsonSucceed() {
		// Lines, each through the live log's masking; how fast is measured by StderrBenchmark.
		Path script = this.scripts.script("yes 'debug: resolving role credentials for the dev account' | head -c 10485760 >&2\n"
				+ "printf '%s' '" + JSON + "'");
		assertThat(resolve(this.scripts.provider(script)).accessKeyId()).isEqualTo(Scripts.ACCESS_KEY_ID);
	}

	@Test
	void timeoutMessageEndsWithTheHelpersLastStderrLine() {
		Path script = this.scripts.script("echo 'contacting the identity provider' >&2\n"
				+ "echo 'waiting for MFA code' >&2\nsleep 300");
		assertThatExceptionOfType(CredentialProcessException.class)
			.isThrownBy(() -> resolve(this.scripts.provider(script).timeout(Duration.ofSeconds(1))))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.TIMEOUT))
			.satisfies((ex) -> assertThat(ex.getMessage()).endsWith("waiting for MFA code"));
	}

	@Test
	void commandNotFoundSaysSo() {
		CredentialProcessProvider.Builder builder = CredentialProcessProvider.builder()
			.command("no-such-credential-helper --role secret-role-arn");
		assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(() -> resolve(builder))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.EXECUTION))
			.withMessageContaining("code 127 (command not found")
			.withMessageNotContaining("secret-role-arn");
	}

	@Test
	void programThatCannotBeStartedDirectlySaysSo() {
		CredentialProcessProvider.Builder builder = CredentialProcessProvider.builder()
			.command(List.of(this.folder.resolve("missing-helper").toString(), "secret-argument"));
		assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(() -> resolve(builder))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.EXECUTION))
			.withMessageContaining("Could not start credential process 'missing-helper'")
			.withMessageNotContaining("secret-argument");
	}

	@Test
	void fileWithoutExecutePermissionSaysSo() throws IOException {
		Path notExecutable = Files.writeString(this.folder.resolve("helper.sh"), "echo hi\n");
		CredentialProcessProvider.Builder builder = CredentialProcessProvider.builder().command("'" + notExecutable + "'");
		assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(() -> resolve(builder))
			.withMessageContaining("code 126 (found but not executable");
	}

	@Test
	void processKilledBySignalIsAnExecutionError() {
		Path script = this.scripts.script("printf '{\"Version\": 1'\nkill -9 $$");
		assertThatExceptionOfType(CredentialProcessException.class)
			.isThrownBy(() -> resolve(this.scripts.provider(script)))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.EXECUTION))
			.withMessageContaining("code 137 (killed by signal 9)");
	}

	@Test
	void missingWorkingDirectoryIsAnExecutionErrorNamingIt() {
		Path missing = this.folder.resolve("no-such-directory");
		Path script = this.scripts.printing(JSON);
		assertThatExceptionOfType(CredentialProcessException.class)
			.isThrownBy(() -> resolve(this.scripts.provider(script).workingDirectory(missing)))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.EXECUTION))
			.withMessageContaining("working directory " + missing);
	}

	@Test
	void processRunsInTheWorkingDirectory() throws IOException {
		Path workingDirectory = Files.createDirectory(this.folder.resolve("work"));
		Files.writeString(workingDirectory.resolve("credentials.json"), JSON);
		Path script = this.scripts.script("cat credentials.json");
		assertThat(resolve(this.scripts.provider(script).workingDirectory(workingDirectory)).accessKeyId())
			.isEqualTo(Scripts.ACCESS_KEY_ID);
	}

	@Test
	void environmentVariablesArePassedToTheProcess() {
		Path script = this.scripts.script(
				"printf '{\"Version\":1,\"AccessKeyId\":\"%s\",\"SecretAccessKey\":\"S3CR3T-VALUE\"}' \"$HELPER_KEY_ID\"");
		ProcessCredentials credentials = resolve(
				this.scripts.provider(script).environment(Map.of("HELPER_KEY_ID", "AKIDFROMENVIRONMENT")));
		assertThat(credentials.accessKeyId()).isEqualTo("AKIDFROMENVIRONMENT");
	}

	@Test
	void environmentValuesEchoedToStderrAreMasked() {
		Path script = this.scripts.script("echo \"login failed for password $HELPER_PASSWORD\" >&2\nexit 1");
		assertThatExceptionOfType(CredentialProcessException.class)
			.isThrownBy(() -> resolve(
					this.scripts.provider(script).environment(Map.of("HELPER_PASSWORD", "hunter2-very-secret"))))
			.withMessageContaining("login failed for password ****")
			.withMessageNotContaining("hunter2-very-secret");
	}

	@Test
	void shellCommandKeepsQuotesSpacesAndDollarSigns() {
		Path script = this.scripts.script("printf '{\"Version\":1,\"AccessKeyId\":\"%s\",\"SecretAccessKey\":\"%s\"}' \"$1\" \"$2\"");
		ProcessCredentials credentials = resolve(CredentialProcessProvider.builder()
			.command("'" + script + "' 'AKID WITH SPACE' \"\\$ECRET'quote\""));
		assertThat(credentials.accessKeyId()).isEqualTo("AKID WITH SPACE");
		assertThat(credentials.secretAccessKey()).isEqualTo("$ECRET'quote");
	}

	@Test
	void programWhoseNameStartsWithADashIsRunLikeAnyOther() throws IOException {
		Path script = this.scripts.printing(JSON);
		Path dashed = Files.move(script, script.resolveSibling("-helper"));
		ProcessCredentials credentials = resolve(CredentialProcessProvider.builder()
			.command(List.of("-helper"))
			.environment(Map.of("PATH", dashed.getParent() + ":/usr/bin:/bin")));
		assertThat(credentials.accessKeyId()).isEqualTo(Scripts.ACCESS_KEY_ID);
	}

	@Test
	void argvCommandPassesArgumentsVerbatim() {
		Path script = this.scripts.script("printf '{\"Version\":1,\"AccessKeyId\":\"%s\",\"SecretAccessKey\":\"%s\"}' \"$1\" \"$2\"");
		ProcessCredentials credentials = resolve(
				CredentialProcessProvider.builder().command(List.of(script.toString(), "AKID WITH SPACE", "$ECRET 'q' *")));
		assertThat(credentials.accessKeyId()).isEqualTo("AKID WITH SPACE");
		assertThat(credentials.secretAccessKey()).isEqualTo("$ECRET 'q' *");
	}

	private ProcessCredentials resolve(CredentialProcessProvider.Builder builder) {
		try (CredentialProcessProvider provider = builder.build()) {
			return provider.resolveCredentials();
		}
	}

	private Path pidFile(String name) {
		return this.folder.resolve(name + ".pid");
	}

	private long readPid(String name) throws IOException {
		long pid = Long.parseLong(Files.readString(pidFile(name)).strip());
		this.pidsToKill.add(pid);
		return pid;
	}

	static void assertDies(long pid) {
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
				.as("process %d is still alive", pid)
				.isNotEqualTo(Optional.of(true)));
	}

	private static long usedHeapAfterGc() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
