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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Warnings about the files the application trusts to run its credential process: the helper, the
 * script an interpreter runs, the AWS config file, and the directories above them.
 */
class WritableFileWarningTests {

	@TempDir
	Path folder;

	private Scripts scripts;

	@BeforeEach
	void setUp() {
		this.scripts = new Scripts(this.folder);
	}

	@Test
	void executableWritableByGroupIsWarnedAbout() throws IOException {
		Path script = this.scripts.printing(Scripts.credentialsJson(Optional.empty()));
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxrwx---"));
		try (LogCapture logs = new LogCapture()) {
			CredentialProcessProvider.builder().command("'" + script + "' --secret-arg").build().close();
			assertThat(logs.lines(Level.WARN)).singleElement()
				.asString()
				.contains("credential process executable " + script + " is writable by group or others")
				.doesNotContain("--secret-arg");
		}
	}

	@Test
	void scriptRunThroughAnInterpreterWritableByOthersIsWarnedAbout() throws IOException {
		Path script = this.scripts.printing(Scripts.credentialsJson(Optional.empty()));
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx---rw-"));
		try (LogCapture logs = new LogCapture()) {
			CredentialProcessProvider.builder().command("sh '" + script + "' --secret-arg").build().close();
			assertThat(logs.lines(Level.WARN)).singleElement()
				.asString()
				.contains("credential process script " + script + " is writable by group or others")
				.doesNotContain("--secret-arg");
		}
	}

	@Test
	void scriptThatEnvHasAnInterpreterRunIsWarnedAbout() throws IOException {
		Path script = writableScript();
		try (LogCapture logs = new LogCapture()) {
			CredentialProcessProvider.builder().command("/usr/bin/env sh '" + script + "' --secret-arg").build().close();
			assertThat(logs.lines(Level.WARN)).singleElement()
				.asString()
				.contains("credential process script " + script + " is writable by group or others")
				.doesNotContain("--secret-arg");
		}
	}

	@Test
	void envOptionsAndAssignmentsArePassedOverToTheProgramAndItsScript() throws IOException {
		Path script = writableScript();
		try (LogCapture logs = new LogCapture()) {
			build(List.of("env", "-i", "-u", "HOME", "HELPER_KEY=k3y-value", "python3", "-u", script.toString()));
			assertThat(logs.lines(Level.WARN)).singleElement()
				.asString()
				.contains("credential process script " + script + " is writable by group or others")
				.doesNotContain("k3y-value");
		}
	}

	@Test
	void programThatEnvRunsIsWarnedAbout() throws IOException {
		Path script = writableScript();
		try (LogCapture logs = new LogCapture()) {
			build(List.of("/usr/bin/env", "HELPER_KEY=k3y-value", script.toString(), "--secret-arg"));
			assertThat(logs.lines(Level.WARN)).singleElement()
				.asString()
				.contains("credential process executable " + script + " is writable by group or others")
				.doesNotContain("k3y-value")
				.doesNotContain("--secret-arg");
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "python3.12", "perl5.36", "ruby3.1", "node18", "/usr/local/bin/bash5.2" })
	void scriptOfAVersionedInterpreterIsWarnedAbout(String interpreter) throws IOException {
		Path script = writableScript();
		try (LogCapture logs = new LogCapture()) {
			build(List.of(interpreter, script.toString()));
			assertThat(logs.lines(Level.WARN)).singleElement()
				.asString()
				.contains("credential process script " + script + " is writable by group or others");
		}
	}

	@Test
	void directoryOfTheHelperWritableByGroupWithoutTheStickyBitIsWarnedAbout() throws IOException {
		Path directory = Files.createDirectory(this.folder.resolve("shared-bin"));
		Path script = new Scripts(directory).printing(Scripts.credentialsJson(Optional.empty()));
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwx---"));
		try (LogCapture logs = new LogCapture()) {
			CredentialProcessProvider.builder().command(List.of(script.toString())).build().close();
			assertThat(logs.lines(Level.WARN)).singleElement()
				.asString()
				.contains("The directory " + directory + " of the credential process executable " + script)
				.contains("without the sticky bit")
				.contains("chmod go-w " + directory);
		}
	}

	@Test
	void directoryWithTheStickyBitIsNotWarnedAbout() throws Exception {
		Path directory = Files.createDirectory(this.folder.resolve("sticky-bin"));
		Path script = new Scripts(directory).printing(Scripts.credentialsJson(Optional.empty()));
		assertThat(new ProcessBuilder("chmod", "1777", directory.toString()).start().waitFor()).isZero();
		try (LogCapture logs = new LogCapture()) {
			CredentialProcessProvider.builder().command(List.of(script.toString())).build().close();
			assertThat(logs.lines(Level.WARN)).isEmpty();
		}
	}

	@Test
	void writableFileIsWarnedAboutOnlyOnce() throws IOException {
		Path script = this.scripts.printing(Scripts.credentialsJson(Optional.empty()));
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx---rwx"));
		try (LogCapture logs = new LogCapture()) {
			for (int i = 0; i < 3; i++) {
				CredentialProcessProvider.builder().command(List.of(script.toString())).build().close();
			}
			assertThat(logs.lines(Level.WARN)).filteredOn((line) -> line.contains("writable by group or others"))
				.hasSize(1);
		}
	}

	@Test
	void warningSuppressedByTheLogLevelIsGivenWhenLoggingAllowsIt() throws IOException {
		Path script = this.scripts.printing(Scripts.credentialsJson(Optional.empty()));
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx---rwx"));
		Logger logger = (Logger) LoggerFactory.getLogger(CredentialProcessProvider.class);
		try (LogCapture logs = new LogCapture()) {
			Level previous = logger.getLevel();
			try {
				logger.setLevel(Level.OFF);
				build(List.of(script.toString()));
				logger.setLevel(Level.WARN);
				build(List.of(script.toString()));
			}
			finally {
				logger.setLevel(previous);
			}
			assertThat(logs.lines(Level.WARN)).singleElement()
				.asString()
				.contains("credential process executable " + script + " is writable by group or others");
		}
	}

	@Test
	void symlinkIsCheckedAlongItsOwnPathAndItsTargetsPath() throws IOException {
		Path linkDirectory = Files.createDirectory(this.folder.resolve("link-bin"));
		Path targetDirectory = Files.createDirectory(this.folder.resolve("target-bin"));
		Path script = new Scripts(targetDirectory).printing(Scripts.credentialsJson(Optional.empty())).toRealPath();
		Path link = Files.createSymbolicLink(linkDirectory.resolve("helper"), script);
		Files.setPosixFilePermissions(linkDirectory, PosixFilePermissions.fromString("rwxrwx---"));
		Files.setPosixFilePermissions(targetDirectory, PosixFilePermissions.fromString("rwxrwx---"));
		try (LogCapture logs = new LogCapture()) {
			build(List.of(link.toString()));
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
		Path middleDirectory = Files.createDirectory(this.folder.resolve("middle-bin"));
		Path script = this.scripts.printing(Scripts.credentialsJson(Optional.empty()));
		Path middle = Files.createSymbolicLink(middleDirectory.resolve("helper"), script);
		Path first = Files.createSymbolicLink(this.folder.resolve("helper"), middle);
		Files.setPosixFilePermissions(middleDirectory, PosixFilePermissions.fromString("rwx---rwx"));
		try (LogCapture logs = new LogCapture()) {
			build(List.of(first.toString()));
			assertThat(logs.lines(Level.WARN)).singleElement()
				.asString()
				.contains("The directory " + middleDirectory + " of the credential process executable " + first)
				.contains("chmod go-w " + middleDirectory);
		}
	}

	@Test
	void helperOwnedByAnotherUserIsWarnedAbout() throws IOException {
		Path script = this.scripts.printing(Scripts.credentialsJson(Optional.empty()));
		giveToNobody(script);
		try (LogCapture logs = new LogCapture()) {
			build(List.of(script.toString(), "--secret-arg"));
			assertThat(logs.lines(Level.WARN)).singleElement()
				.asString()
				.contains("credential process executable " + script + " is owned by nobody, neither root nor "
						+ "this application's user")
				.contains("chown root " + script)
				.doesNotContain("--secret-arg");
		}
	}

	@Test
	void directoryAboveTheHelperOwnedByAnotherUserIsWarnedAbout() throws IOException {
		Path directory = Files.createDirectory(this.folder.resolve("nobodys-bin"));
		Path script = new Scripts(directory).printing(Scripts.credentialsJson(Optional.empty()));
		giveToNobody(directory);
		try (LogCapture logs = new LogCapture()) {
			build(List.of(script.toString()));
			assertThat(logs.lines(Level.WARN)).singleElement()
				.asString()
				.contains("The directory " + directory + " of the credential process executable " + script
						+ " is owned by nobody")
				.contains("chown root " + directory);
		}
	}

	@Test
	void directoryOfTheAwsConfigFileWritableByGroupIsWarnedAbout() throws IOException {
		Path directory = Files.createDirectory(this.folder.resolve("aws"));
		Path configFile = Files.writeString(directory.resolve("config"), "[profile dev]\ncredential_process = /bin/true\n");
		Files.setPosixFilePermissions(configFile, PosixFilePermissions.fromString("rw-------"));
		Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxrwx---"));
		try (LogCapture logs = new LogCapture()) {
			CredentialProcessProvider.builder().profile("dev").configFile(configFile).build().close();
			assertThat(logs.lines(Level.WARN)).singleElement()
				.asString()
				.contains("The directory " + directory + " of the AWS config file " + configFile)
				.contains("chmod go-w " + directory);
		}
	}

	private Path writableScript() throws IOException {
		Path script = this.scripts.printing(Scripts.credentialsJson(Optional.empty()));
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx---rw-"));
		return script;
	}

	private static void build(List<String> argv) {
		CredentialProcessProvider.builder().command(argv).build().close();
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
