package io.github.credentialprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;

import ch.qos.logback.classic.Level;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

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

}
