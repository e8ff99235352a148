package io.github.credentialprocess;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;
import java.util.Optional;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.assertj.core.api.AbstractStringAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Warnings about the files the application trusts to run its credential process: the helper, the
 * program {@code env} runs, the script an interpreter runs, the AWS config file, and the directories
 * above them, along every symbolic link.
 */
class WritableFileWarningTests {

	private static final String LOCKED = "rwx------";

	@TempDir
	Path folder;

	@Test
	void executableWritableByGroupIsWarnedAbout() throws IOException {
		Path script = script(this.folder, "rwxrwx---");
		onlyWarning(() -> shell("'" + script + "' --secret-arg"))
			.contains("credential process executable " + script + " is writable by group or others")
			.contains("chmod go-w " + script)
			.doesNotContain("--secret-arg");
	}

	@Test
	void scriptRunThroughAnInterpreterWritableByOthersIsWarnedAbout() throws IOException {
		Path script = script(this.folder, "rwx---rw-");
		onlyWarning(() -> shell("sh '" + script + "' --secret-arg"))
			.contains("credential process script " + script + " is writable by group or others")
			.doesNotContain("--secret-arg");
	}

	@Test
	void scriptThatEnvHasAnInterpreterRunIsWarnedAbout() throws IOException {
		Path script = script(this.folder, "rwx---rw-");
		onlyWarning(() -> shell("/usr/bin/env sh '" + script + "' --secret-arg"))
			.contains("credential process script " + script + " is writable by group or others")
			.doesNotContain("--secret-arg");
	}

	@Test
	void envOptionsAndAssignmentsArePassedOverToTheProgramAndItsScript() throws IOException {
		Path script = script(this.folder, "rwx---rw-");
		onlyWarning(() -> argv("env", "-i", "-u", "HOME", "HELPER_KEY=k3y-value", "python3", "-u", script.toString()))
			.contains("credential process script " + script + " is writable by group or others")
			.doesNotContain("k3y-value");
	}

	@Test
	void scriptAfterBundledShellOptionsIsWarnedAbout() throws IOException {
		Path script = script(this.folder, "rwx---rw-");
		onlyWarning(() -> shell("bash -euo pipefail '" + script + "' --secret-arg"))
			.contains("credential process script " + script + " is writable by group or others")
			.doesNotContain("--secret-arg");
	}

	@Test
	void programAShellsCommandLineRunsIsWarnedAbout() throws IOException {
		Path script = script(this.folder, "rwx---rw-");
		onlyWarning(() -> argv("bash", "-c", "'" + script + "' --secret-arg"))
			.contains("credential process executable " + script + " is writable by group or others")
			.doesNotContain("--secret-arg");
	}

	@Test
	void fileAnInterpretersOptionLoadsIsWarnedAbout() throws IOException {
		Path preload = script(this.folder, "rwx---rw-");
		onlyWarning(() -> argv("node", "--require", preload.toString(), "--secret-arg"))
			.contains("file the credential process loads " + preload + " is writable by group or others")
			.doesNotContain("--secret-arg");
	}

	@Test
	void executableIsLookedUpOnThePathTheHelperGets() throws IOException {
		Path bin = directory("bin");
		Path helper = Files.move(script(this.folder, "rwx---rw-"), bin.resolve("planted-helper"));
		onlyWarning(() -> CredentialProcessProvider.builder()
			.command("planted-helper --secret-arg")
			.environment(java.util.Map.of("PATH", bin + ":/usr/bin:/bin"))
			.build()
			.close())
			.contains("credential process executable " + helper + " is writable by group or others")
			.doesNotContain("--secret-arg");
	}

	@Test
	void programThatEnvRunsIsWarnedAbout() throws IOException {
		Path script = script(this.folder, "rwx---rw-");
		onlyWarning(() -> argv("/usr/bin/env", "HELPER_KEY=k3y-value", script.toString(), "--secret-arg"))
			.contains("credential process executable " + script + " is writable by group or others")
			.doesNotContain("k3y-value")
			.doesNotContain("--secret-arg");
	}

	@ParameterizedTest
	@ValueSource(strings = { "timeout 30 '%s'", "timeout -k 5s --signal=KILL 30 '%s'", "exec '%s'", "nice -n 10 '%s'",
			"nohup '%s'", "stdbuf -oL '%s'", "setsid -w '%s'", "ionice -c 3 '%s'", "time -p '%s'", "command '%s'",
			"sudo -n -u nobody '%s'", "true && '%s'", "cd / && '%s'", "true; '%s'", "false || '%s'", "'%s' | cat",
			"sh -c \"exec '%s'\"", "java -jar '%s'", "php '%s'", "pypy3 '%s'", "nodejs '%s'", "fish '%s'" })
	void programThatALauncherAShellListOrAnotherInterpreterRunsIsWarnedAbout(String commandLine) throws IOException {
		Path script = script(this.folder, "rwxrwxrwx");
		onlyWarning(() -> shell(String.format(commandLine, script))).contains(script + " is writable by group or others");
	}

	@ParameterizedTest
	@ValueSource(strings = { "command -v '%s'", "sudo -l '%s'" })
	void launcherThatRunsNothingHasNothingCheckedAfterIt(String commandLine) throws IOException {
		Path script = script(this.folder, "rwxrwxrwx");
		try (LogCapture logs = new LogCapture()) {
			shell(String.format(commandLine, script));
			assertThat(logs.lines(Level.WARN)).isEmpty();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "python3.12", "perl5.36", "ruby3.1", "node18", "/usr/local/bin/bash5.2" })
	void scriptOfAVersionedInterpreterIsWarnedAbout(String interpreter) throws IOException {
		Path script = script(this.folder, "rwx---rw-");
		onlyWarning(() -> argv(interpreter, script.toString()))
			.contains("credential process script " + script + " is writable by group or others");
	}

	@Test
	void directoryOfTheHelperWritableByGroupWithoutTheStickyBitIsWarnedAbout() throws IOException {
		Path directory = directory("shared-bin");
		Path script = script(directory, LOCKED);
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwx---"));
		onlyWarning(() -> argv(script.toString()))
			.contains("The directory " + directory + " of the credential process executable " + script)
			.contains("without the sticky bit")
			.contains("chmod go-w " + directory);
	}

	@Test
	void directoryWithTheStickyBitIsNotWarnedAbout() throws Exception {
		Path directory = directory("sticky-bin");
		Path script = script(directory, LOCKED);
		assertThat(new ProcessBuilder("chmod", "1777", directory.toString()).start().waitFor()).isZero();
		try (LogCapture logs = new LogCapture()) {
			argv(script.toString());
			assertThat(logs.lines(Level.WARN)).isEmpty();
		}
	}

	@Test
	void writableFileIsWarnedAboutOnlyOnce() throws IOException {
		Path script = script(this.folder, "rwx---rwx");
		try (LogCapture logs = new LogCapture()) {
			for (int i = 0; i < 3; i++) {
				argv(script.toString());
			}
			assertThat(logs.lines(Level.WARN)).filteredOn((line) -> line.contains("writable by group or others"))
				.hasSize(1);
		}
	}

	@Test
	void warningSuppressedByTheLogLevelIsGivenWhenLoggingAllowsIt() throws IOException {
		Path script = script(this.folder, "rwx---rwx");
		Logger logger = (Logger) LoggerFactory.getLogger(CredentialProcessProvider.class);
		onlyWarning(() -> {
			Level previous = logger.getLevel();
			try {
				logger.setLevel(Level.OFF);
				argv(script.toString());
				logger.setLevel(Level.WARN);
				argv(script.toString());
			}
			finally {
				logger.setLevel(previous);
			}
		}).contains("credential process executable " + script + " is writable by group or others");
	}

	@Test
	void symlinkIsCheckedAlongItsOwnPathAndItsTargetsPath() throws IOException {
		Path linkDirectory = directory("link-bin");
		Path script = script(directory("target-bin"), LOCKED).toRealPath();
		Path link = Files.createSymbolicLink(linkDirectory.resolve("helper"), script);
		Files.setPosixFilePermissions(linkDirectory, PosixFilePermissions.fromString("rwxrwx---"));
		Files.setPosixFilePermissions(script.getParent(), PosixFilePermissions.fromString("rwxrwx---"));
		try (LogCapture logs = new LogCapture()) {
			argv(link.toString());
			assertThat(logs.lines(Level.WARN)).hasSize(2)
				.anySatisfy((line) -> assertThat(line).contains("The directory " + linkDirectory + " of the "
						+ "credential process executable " + link).contains("chmod go-w " + linkDirectory))
				.anySatisfy((line) -> assertThat(line).contains("The directory " + script.getParent() + " of the "
						+ "credential process executable " + link + " (" + script + ")")
					.contains("chmod go-w " + script.getParent()));
		}
	}

	@Test
	void linkInTheMiddleOfAChainIsCheckedToo() throws IOException {
		Path middleDirectory = directory("middle-bin");
		Path middle = Files.createSymbolicLink(middleDirectory.resolve("helper"), script(this.folder, LOCKED));
		Path first = Files.createSymbolicLink(this.folder.resolve("helper"), middle);
		Files.setPosixFilePermissions(middleDirectory, PosixFilePermissions.fromString("rwx---rwx"));
		onlyWarning(() -> argv(first.toString()))
			.contains("The directory " + middleDirectory + " of the credential process executable " + first)
			.contains("chmod go-w " + middleDirectory);
	}

	@Test
	void helperOwnedByAnotherUserIsWarnedAbout() throws IOException {
		Path script = script(this.folder, LOCKED);
		giveToNobody(script);
		onlyWarning(() -> argv(script.toString(), "--secret-arg"))
			.contains("credential process executable " + script + " is owned by nobody, neither root nor "
					+ "this application's user")
			.contains("chown root " + script)
			.doesNotContain("--secret-arg");
	}

	@Test
	void directoryAboveTheHelperOwnedByAnotherUserIsWarnedAbout() throws IOException {
		Path directory = directory("nobodys-bin");
		Path script = script(directory, LOCKED);
		giveToNobody(directory);
		onlyWarning(() -> argv(script.toString()))
			.contains("The directory " + directory + " of the credential process executable " + script
					+ " is owned by nobody")
			.contains("chown root " + directory);
	}

	@Test
	void directoryOfTheAwsConfigFileWritableByGroupIsWarnedAbout() throws IOException {
		Path directory = directory("aws");
		Path configFile = Files.writeString(directory.resolve("config"), "[profile dev]\ncredential_process = /bin/true\n");
		Files.setPosixFilePermissions(configFile, PosixFilePermissions.fromString("rw-------"));
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwx---"));
		onlyWarning(() -> CredentialProcessProvider.builder().profile("dev").configFile(configFile).build().close())
			.contains("The directory " + directory + " of the AWS config file " + configFile)
			.contains("chmod go-w " + directory);
	}

	/** The one warning logged while building. */
	private static AbstractStringAssert<?> onlyWarning(Runnable build) {
		try (LogCapture logs = new LogCapture()) {
			build.run();
			return assertThat(logs.lines(Level.WARN)).singleElement().asString();
		}
	}

	private static void shell(String commandLine) {
		CredentialProcessProvider.builder().command(commandLine).build().close();
	}

	private static void argv(String... argv) {
		CredentialProcessProvider.builder().command(List.of(argv)).build().close();
	}

	private Path directory(String name) throws IOException {
		return Files.createDirectory(this.folder.resolve(name));
	}

	private static Path script(Path directory, String permissions) throws IOException {
		Path script = new Scripts(directory).printing(Scripts.credentialsJson(Optional.empty()));
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString(permissions));
		return script;
	}

	/** Changing a file's owner needs root, as the build's JVM runs; elsewhere the test is skipped. */
	private static void giveToNobody(Path file) throws IOException {
		UserPrincipal nobody = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
		try {
			Files.setOwner(file, nobody);
		}
		catch (FileSystemException ex) {
			assumeThat(ex).as("changing a file's owner needs root").isNull();
		}
	}

}
