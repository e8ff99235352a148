package io.github.credentialprocess.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import io.github.credentialprocess.CredentialProcessProvider;
import software.amazon.awssdk.auth.credentials.ProcessCredentialsProvider;

/**
 * The commands every benchmark runs, and the three ways of running them: this engine, the AWS
 * SDK for Java v2's {@link ProcessCredentialsProvider}, and a bare {@link ProcessBuilder} as the
 * physical baseline.
 */
final class Fixtures {

	static final String JSON = "{\"Version\":1,\"AccessKeyId\":\"AKIABENCHMARK0000001\","
			+ "\"SecretAccessKey\":\"benchmark-secret-access-key\",\"SessionToken\":\"benchmark-session-token\","
			+ "\"Expiration\":\"2099-01-01T00:00:00Z\"}";

	/** The cheapest credential process there is: the shell's built-in echo of a fixed JSON. */
	static final String ECHO_COMMAND = "echo '" + JSON + "'";

	/** A process that tries to write 1 GiB to stdout. */
	static final String GIBIBYTE_COMMAND = "exec head -c 1073741824 /dev/zero";

	/**
	 * A refresh threshold longer than the credentials' whole life: the SDK provider then refreshes
	 * on every call, which is the only way to make it run its process on demand.
	 */
	static final Duration SDK_ALWAYS_REFRESH = Duration.ofDays(365L * 200);

	private Fixtures() {
	}

	/** A tiny script file printing the fixed JSON, as a credential helper script would. */
	static String scriptCommand(Path folder) {
		Path script = folder.resolve("credential-process.sh");
		write(script, "#!/bin/sh\nprintf '%s\\n' '" + JSON + "'\n");
		return "'" + script + "'";
	}

	/**
	 * A helper that writes debug lines to stderr (the given number of MiB, in lines of 64 bytes)
	 * before printing the fixed JSON, as a helper run with --debug does.
	 */
	static String talkativeCommand(Path folder, double stderrMebibytes) {
		Path script = folder.resolve("talkative-process-" + Math.round(stderrMebibytes * 1024) + "k.sh");
		write(script, "#!/bin/sh\nyes 'debug: resolving role credentials for the dev account ......' | head -c "
				+ Math.round(stderrMebibytes * 1024 * 1024) + " >&2\nprintf '%s\\n' '" + JSON + "'\n");
		return "'" + script + "'";
	}

	/** A script that also counts its runs in a file, for the cold-herd benchmark. */
	static String countingCommand(Path folder, Path counter) {
		Path script = folder.resolve("counting-process.sh");
		write(script, "#!/bin/sh\necho run >> '" + counter + "'\nprintf '%s\\n' '" + JSON + "'\n");
		return "'" + script + "'";
	}

	static CredentialProcessProvider ours(String command) {
		return CredentialProcessProvider.builder().command(command).build();
	}

	/**
	 * A provider whose every {@code refresh()} runs the process, even right after a run or a failure
	 * (no minimum interval, no back-off), so that a benchmark times the run itself.
	 */
	static CredentialProcessProvider oursRunningOnEveryRefresh(String command) {
		return runningOnEveryRefresh(CredentialProcessProvider.builder().command(command)).build();
	}

	static CredentialProcessProvider.Builder runningOnEveryRefresh(CredentialProcessProvider.Builder builder) {
		// A back-off below a millisecond rounds to none.
		return builder.minRefreshInterval(java.time.Duration.ZERO)
			.retryInitialDelay(java.time.Duration.ofNanos(1))
			.retryMaxDelay(java.time.Duration.ofNanos(1));
	}

	static ProcessCredentialsProvider sdk(String command) {
		return ProcessCredentialsProvider.builder().command(command).build();
	}

	static ProcessCredentialsProvider sdkAlwaysRefreshing(String command) {
		return ProcessCredentialsProvider.builder().command(command).credentialRefreshThreshold(SDK_ALWAYS_REFRESH).build();
	}

	/** The least work that runs a command and reads its output: start, read stdout to the end, wait. */
	static byte[] bareProcessRun(String command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(List.of("sh", "-c", command)).start();
		byte[] output;
		try (InputStream stdout = process.getInputStream()) {
			output = stdout.readAllBytes();
		}
		process.waitFor();
		return output;
	}

	static Path temporaryFolder() {
		try {
			return Files.createTempDirectory("credential-process-benchmark");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static int lines(Path file) {
		try {
			return Files.exists(file) ? Files.readAllLines(file).size() : 0;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(Path script, String content) {
		try {
			Files.writeString(script, content);
			Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
