package io.github.credentialprocess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.awaitility.Awaitility.await;

/**
 * Writes small POSIX shell scripts to a temporary folder, to be run as real credential processes.
 * Every script appends a line to {@code runs} when it starts, so tests can count process runs
 * without asking the provider. Public so that the tests of every integration package share it.
 */
public final class Scripts {

	public static final String ACCESS_KEY_ID = "AKIAEXAMPLEKEY12345";

	public static final String SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY";

	public static final String SESSION_TOKEN = "FwoGZXIvYXdzEXAMPLESESSIONTOKEN0123456789";

	private final Path folder;

	private int count;

	public Scripts(Path folder) {
		this.folder = folder;
	}

	/**
	 * A new temporary folder, for tests whose scripts must exist before JUnit's {@code @TempDir}
	 * fields are set (Spring's {@code @DynamicPropertySource} runs first).
	 */
	public static Path newTemporaryFolder() {
		try {
			return Files.createTempDirectory("credential-process-test");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Path folder() {
		return this.folder;
	}

	/** A script with the given body, run by {@code /bin/sh}. */
	public Path script(String body) {
		Path script = this.folder.resolve("process-" + (++this.count) + ".sh");
		String text = "#!/bin/sh\necho run >> '" + runsFile() + "'\n" + body + "\n";
		try {
			Files.writeString(script, text, StandardCharsets.UTF_8);
			Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return script;
	}

	/** A script that prints exactly the given text to stdout, with no newline added. */
	public Path printing(String stdout) {
		Path output = this.folder.resolve("output-" + (this.count + 1) + ".txt");
		write(output, stdout.getBytes(StandardCharsets.UTF_8));
		return script("cat '" + output + "'");
	}

	/** A script that prints exactly the given bytes to stdout. */
	public Path printing(byte[] stdout) {
		Path output = this.folder.resolve("output-" + (this.count + 1) + ".bin");
		write(output, stdout);
		return script("cat '" + output + "'");
	}

	/** A script printing valid session credentials that expire at the given time. */
	public Path printingCredentialsExpiringAt(Instant expiration) {
		return printing(credentialsJson(Optional.of(expiration)));
	}

	/**
	 * A script that prints session credentials living for the given number of seconds, with an
	 * access key id ending in the run number ({@code AKIDRUN0001}, {@code AKIDRUN0002}, ...). While
	 * {@link #failSwitch()} exists, it fails with exit code 1 instead.
	 */
	public Path rotatingCredentials(int lifetimeSeconds) {
		return rotating("$(date -u -d \"+" + lifetimeSeconds + " seconds\" +%Y-%m-%dT%H:%M:%SZ)");
	}

	/**
	 * Like {@link #rotatingCredentials(int)}, but the credentials live for the given number of
	 * seconds from the time in {@code clockFile} (epoch seconds, as a {@code MutableClock} mirrors
	 * it), so that the helper and the provider share one stepped clock. Runs after the first sleep
	 * {@code laterRunsSleepSeconds} before printing.
	 */
	public Path rotatingCredentialsOnClock(Path clockFile, int lifetimeSeconds, double laterRunsSleepSeconds) {
		return rotating("$(date -u -d @$(( $(cat '" + clockFile + "') + " + lifetimeSeconds
				+ " )) +%Y-%m-%dT%H:%M:%SZ)\n[ \"$RUN\" -gt 1 ] && sleep " + laterRunsSleepSeconds);
	}

	private Path rotating(String expiresCommand) {
		return script("RUN=$(wc -l < '" + runsFile() + "')\n"
				+ "[ -f '" + failSwitch() + "' ] && [ \"$RUN\" -ge \"$(cat '" + failSwitch() + "')\" ] && { echo \"run $RUN fails\" >&2; exit 1; }\n"
				+ "EXPIRES=" + expiresCommand + "\n"
				+ "printf '{\"Version\":1,\"AccessKeyId\":\"AKIDRUN%04d\",\"SecretAccessKey\":\"" + SECRET_ACCESS_KEY
				+ "\",\"SessionToken\":\"" + SESSION_TOKEN + "\",\"AccountId\":\"123456789012\",\"Expiration\":\"%s\"}' \"$RUN\" \"$EXPIRES\"");
	}

	/** A script that writes its pid to {@code pidFile}, then hangs for five minutes. */
	public Path hangingAfterWritingPid(Path pidFile) {
		return script("echo $$ > '" + pidFile + "'\nsleep 300");
	}

	/** Waits until a script has written its pid to {@code pidFile}, and returns that pid. */
	public static long awaitPid(Path pidFile) {
		String pid = await().atMost(Duration.ofSeconds(20))
			.until(() -> Files.exists(pidFile) ? Files.readString(pidFile).strip() : "", (text) -> !text.isEmpty());
		return Long.parseLong(pid);
	}

	/** While this file exists, {@link #rotatingCredentials(int)} scripts fail. */
	public Path failSwitch() {
		return this.folder.resolve("fail");
	}

	/** Makes {@link #rotatingCredentials(int)} scripts fail from their next run on, or succeed again. */
	public void failFromNowOn(boolean fail) {
		if (fail) {
			failFromRun(1);
		}
		else {
			try {
				Files.deleteIfExists(failSwitch());
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/**
	 * Makes {@link #rotatingCredentials(int)} scripts fail from their run number {@code run} on
	 * (counting from 1): set before the first run, it fails a refresh whenever the refresh comes,
	 * without racing it.
	 */
	public void failFromRun(int run) {
		try {
			Files.writeString(failSwitch(), Integer.toString(run));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A provider builder for a script, run without a shell. */
	public CredentialProcessProvider.Builder provider(Path script) {
		return CredentialProcessProvider.builder().command(List.of(script.toString()));
	}

	/** How many times a script of this folder has started. */
	public int runs() {
		Path runs = runsFile();
		try {
			return Files.exists(runs) ? Files.readAllLines(runs).size() : 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Path runsFile() {
		return this.folder.resolve("runs");
	}

	public static String credentialsJson(Optional<Instant> expiration) {
		return "{\"Version\": 1, \"AccessKeyId\": \"" + ACCESS_KEY_ID + "\", \"SecretAccessKey\": \""
				+ SECRET_ACCESS_KEY + "\", \"SessionToken\": \"" + SESSION_TOKEN + "\""
				+ expiration.map((at) -> ", \"Expiration\": \"" + at + "\"").orElse("") + "}";
	}

	private static void write(Path file, byte[] content) {
		try {
			Files.write(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
