package io.github.credentialprocess;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Runs the credential process once and returns its stdout. It never hangs and never leaks: stdin
 * is closed at once, stdout and stderr are drained at the same time into bounded buffers without
 * ever blocking on a read, and the whole process tree is killed when the timeout passes or stdout
 * grows past its limit.
 */
final class ProcessRunner {

	/**
	 * The wait for the exit between two drains of the pipes while the process is young. The wait
	 * ends at once when the process exits, so this only bounds how soon a flood of output is noticed
	 * (Object.wait, behind waitFor, rounds to whole milliseconds anyway).
	 */
	private static final long FIRST_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

	/**
	 * How many drains keep the first pace before the waits start doubling. A flooding process
	 * usually starts writing a millisecond or two after it starts; doubling from the first wait
	 * would notice it only after three.
	 */
	private static final int YOUNG_POLLS = 8;

	/**
	 * The longest wait between two drains while the process is silent: how soon output that starts
	 * after a long silence is noticed.
	 */
	private static final long MAX_POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(16);

	/**
	 * The pause between two drains while output flows: short enough that a 64 KiB pipe drained at
	 * this pace carries gigabytes per second, long enough not to spin on a slow trickle.
	 */
	private static final long FLOWING_PAUSE_NANOS = 20_000;

	private final ProcessCommand command;

	private final Duration timeout;

	private final int maxBufferSize;

	private final Map<String, String> environment;

	private final Path workingDirectory;

	private final Set<Process> running = ConcurrentHashMap.newKeySet();

	/**
	 * What every run knows to be secret before it starts: the configured environment, the inherited
	 * variables whose names look secret, and the words of the command.
	 */
	private final KnownSecrets secretsOfEveryRun;

	/** Parts of an inherited variable's name that make its value a secret. */
	private static final List<String> SECRET_NAME_PARTS = List.of("PASSWORD", "PASSPHRASE", "SECRET", "TOKEN",
			"PRIVATE_KEY", "PRIVATEKEY", "CREDENTIAL");

	ProcessRunner(ProcessCommand command, Duration timeout, int maxBufferSize, Map<String, String> environment,
			Path workingDirectory) {
		this.command = command;
		this.timeout = timeout;
		this.maxBufferSize = maxBufferSize;
		this.environment = Map.copyOf(environment);
		this.workingDirectory = workingDirectory;
		List<String> secrets = new ArrayList<>(this.environment.values());
		System.getenv().forEach((name, value) -> {
			String upper = name.toUpperCase(Locale.ROOT);
			if (SECRET_NAME_PARTS.stream().anyMatch(upper::contains)) {
				secrets.add(value);
			}
		});
		secrets.addAll(command.argumentWords());
		this.secretsOfEveryRun = KnownSecrets.of(secrets);
	}

	ProcessCommand command() {
		return this.command;
	}

	/**
	 * Whether a helper may be spawned now. It spawns the helper itself, so that a check and the spawn
	 * are one step that a stop cannot come between.
	 */
	@FunctionalInterface
	interface Admission {

		/**
		 * Spawns, or refuses.
		 * @throws CredentialProcessException with {@link ErrorCode#CANCELLED} when the run is no longer
		 * wanted
		 */
		Process admit(Supplier<Process> spawn);

	}

	/**
	 * Runs the process to its end.
	 * @param previous the credentials this run replaces, if any: a failing helper may repeat them
	 * @param admission decides, at the moment of the spawn, whether the run is still wanted; the
	 * process is registered for {@link #killAll()} before the decision is let go, so a stop either
	 * comes first (nothing is spawned) or finds the process to kill
	 * @return everything the process wrote to stdout
	 * @throws CredentialProcessException with {@link ErrorCode#EXECUTION}, {@link ErrorCode#TIMEOUT},
	 * {@link ErrorCode#OUTPUT_LIMIT} or {@link ErrorCode#CANCELLED}
	 */
	byte[] run(ProcessCredentials previous, Admission admission) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		Process process = admission.admit(() -> {
			Process started = start();
			this.running.add(started);
			HelpersAtExit.started(started);
			return started;
		});
		Redactor redactor = redactorFor(previous);
		StderrLog stderrLog = new StderrLog(this.command.executableName(), redactor);
		boolean exitedCleanly = false;
		CredentialProcessException failure = null;
		try (InputStream stdoutStream = process.getInputStream(); InputStream stderrStream = process.getErrorStream()) {
			closeStdin(process);
			StdoutCapture stdout = new StdoutCapture(stdoutStream, this.maxBufferSize, redactor);
			byte[] output = awaitOutput(process, stdout, new StderrTail(stderrStream, stderrLog), stderrLog, deadline,
					redactor);
			exitedCleanly = true;
			return output;
		}
		catch (InterruptedException ex) {
			ProcessTree.kill(process);
			Thread.currentThread().interrupt();
			throw new CredentialProcessException(ErrorCode.EXECUTION,
					"Interrupted while waiting for credential process '" + this.command.executableName()
							+ "'; its process tree was killed");
		}
		catch (IOException ex) {
			ProcessTree.kill(process);
			throw new CredentialProcessException(ErrorCode.EXECUTION, "Could not read the output of credential process '"
					+ this.command.executableName() + "' (" + ex.getClass().getSimpleName()
					+ "); its process tree was killed");
		}
		catch (CredentialProcessException ex) {
			failure = ex;
			throw ex;
		}
		finally {
			if (stderrLog.finish(exitedCleanly) && failure != null) {
				failure.stderrLogged();
			}
			this.running.remove(process);
			HelpersAtExit.ended(process);
		}
	}

	/** The run's one gate for helper text, knowing the secrets of every run and the previous credentials. */
	private Redactor redactorFor(ProcessCredentials previous) {
		if (previous == null) {
			return new Redactor(this.secretsOfEveryRun);
		}
		List<String> credentials = new ArrayList<>(List.of(previous.accessKeyId(), previous.secretAccessKey()));
		if (previous.sessionToken() != null) {
			credentials.add(previous.sessionToken());
		}
		return new Redactor(this.secretsOfEveryRun.with(credentials));
	}

	/**
	 * Kills every process tree this runner has running, for shutdown.
	 */
	void killAll() {
		this.running.forEach(ProcessTree::kill);
	}

	private Process start() {
		if (this.workingDirectory != null && !Files.isDirectory(this.workingDirectory)) {
			throw new CredentialProcessException(ErrorCode.EXECUTION, "The working directory " + this.workingDirectory
					+ " of credential process '" + this.command.executableName()
					+ "' does not exist or is not a directory; create it or change the working directory");
		}
		if (!ProcessSession.canStart(this.command.argv().get(0), this.environment, this.workingDirectory)) {
			throw couldNotStart("error=2, No such file or directory");
		}
		ProcessBuilder builder = new ProcessBuilder(ProcessSession.argv(this.command.argv()));
		if (!this.environment.isEmpty()) {
			// Only when needed: asking for the environment copies the whole inherited one.
			builder.environment().putAll(this.environment);
		}
		if (this.workingDirectory != null) {
			builder.directory(this.workingDirectory.toFile());
		}
		try {
			return builder.start();
		}
		catch (IOException ex) {
			// The JDK's message quotes argv[0] whole, which may be a command line holding a secret;
			// its cause carries only the system's reason ("error=2, No such file or directory").
			throw couldNotStart((ex.getCause() != null) ? ex.getCause().getMessage() : "the system refused to start it");
		}
	}

	private CredentialProcessException couldNotStart(String reason) {
		return new CredentialProcessException(ErrorCode.EXECUTION, "Could not start credential process '"
				+ this.command.executableName() + "': " + StderrLog.printable(String.valueOf(reason))
				+ "; check that the program exists, is executable and is on the PATH");
	}

	/**
	 * Waits for the exit, draining stdout and stderr all the while. Nothing here ever blocks on a
	 * read: a background child that inherited the pipes and keeps them open cannot hold the caller,
	 * and no thread per stream is needed. While the process writes, the pipes are drained again
	 * after a pause of {@value #FLOWING_PAUSE_NANOS} ns, which keeps up with a full pipe at
	 * gigabytes per second; only while it is silent does the wait grow, from 1 ms to 16 ms, and that
	 * wait ends at once when the process exits.
	 */
	private byte[] awaitOutput(Process process, StdoutCapture stdout, StderrTail stderr, StderrLog stderrLog,
			long deadline, Redactor redactor) throws InterruptedException, IOException {
		long pollNanos = FIRST_POLL_NANOS;
		int quietPolls = 0;
		while (true) {
			int drained = stdout.drainAvailable() + stderr.drainAvailable();
			stderrLog.tick();
			if (stdout.overflowed()) {
				ProcessTree.kill(process);
				throw outputLimitExceeded();
			}
			if (!process.isAlive()) {
				// What it wrote between the last drain and its exit.
				stdout.drainAvailable();
				stderr.drainAvailable();
				if (stdout.overflowed()) {
					throw outputLimitExceeded();
				}
				break;
			}
			if (remaining(deadline) == 0) {
				ProcessTree.kill(process);
				throw timedOut(stderr.text(redactor));
			}
			if (drained > 0) {
				// Not at once: on two cores a drain without a pause takes the CPU from the writer.
				LockSupport.parkNanos(FLOWING_PAUSE_NANOS);
				pollNanos = FIRST_POLL_NANOS;
				quietPolls = 0;
			}
			else {
				process.waitFor(Math.min(pollNanos, remaining(deadline)), TimeUnit.NANOSECONDS);
				if (++quietPolls >= YOUNG_POLLS) {
					pollNanos = Math.min(pollNanos * 2, MAX_POLL_NANOS);
				}
			}
		}
		int exitCode = process.exitValue();
		if (exitCode != 0) {
			throw failed(exitCode, stderr.text(redactor));
		}
		return stdout.bytes();
	}

	private static long remaining(long deadline) {
		return Math.max(0, deadline - System.nanoTime());
	}

	private static void closeStdin(Process process) {
		try {
			process.getOutputStream().close();
		}
		catch (IOException ex) {
			// Already closed by a process that exited at once; nothing to do.
		}
	}

	private CredentialProcessException timedOut(String stderr) {
		// A helper's last words ("waiting for MFA code") usually say why it hung: they come last.
		return new CredentialProcessException(ErrorCode.TIMEOUT,
				"Credential process '" + this.command.executableName() + "' did not finish within " + Durations.format(this.timeout)
						+ "; it and every process it started were killed. Check why it hangs (does it wait for "
						+ "input or a network call?) or increase the timeout (aws.credential-process.timeout)"
						+ (stderr.isEmpty() ? "; it wrote nothing to stderr" : "; stderr: " + stderr))
			.withStderrTail(stderr.isEmpty() ? null : stderr);
	}

	private CredentialProcessException outputLimitExceeded() {
		return new CredentialProcessException(ErrorCode.OUTPUT_LIMIT,
				"Credential process '" + this.command.executableName() + "' wrote more than " + this.maxBufferSize
						+ " bytes to stdout; it and every process it started were killed. Make it print only the "
						+ "credential_process JSON, or increase the limit (aws.credential-process.max-buffer-size)");
	}

	private CredentialProcessException failed(int exitCode, String stderr) {
		StringBuilder message = new StringBuilder("Credential process '").append(this.command.executableName())
			.append("' exited with code ")
			.append(exitCode);
		if (exitCode == 127) {
			message.append(" (command not found: check the program name and the PATH)");
		}
		else if (exitCode == 126) {
			message.append(" (found but not executable: check its permissions, for example chmod u+x)");
		}
		else if (exitCode > 128 && exitCode <= 128 + 64) {
			message.append(" (killed by signal ").append(exitCode - 128).append(')');
		}
		message.append(stderr.isEmpty() ? "; it wrote nothing to stderr" : "; stderr: " + stderr);
		return new CredentialProcessException(ErrorCode.EXECUTION, message.toString())
			.withStderrTail(stderr.isEmpty() ? null : stderr);
	}

}
