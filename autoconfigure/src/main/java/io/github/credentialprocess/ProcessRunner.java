package io.github.credentialprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/**
 * Runs the credential process once and returns its stdout. It never hangs and never leaks: stdin
 * is closed at once, stdout and stderr are drained at the same time into bounded buffers, and the
 * whole process tree is killed when the timeout passes or stdout grows past its limit.
 */
final class ProcessRunner {

	/**
	 * How long to wait for the end of stdout after the process exited. A background child that
	 * inherited stdout can keep the pipe open long after its parent exited; its output is not ours.
	 */
	private static final long EXIT_GRACE_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

	private final ProcessCommand command;

	private final Duration timeout;

	private final int maxBufferSize;

	private final Map<String, String> environment;

	private final Path workingDirectory;

	private final Executor streamReaders;

	private final Set<Process> running = ConcurrentHashMap.newKeySet();

	ProcessRunner(ProcessCommand command, Duration timeout, int maxBufferSize, Map<String, String> environment,
			Path workingDirectory, Executor streamReaders) {
		this.command = command;
		this.timeout = timeout;
		this.maxBufferSize = maxBufferSize;
		this.environment = Map.copyOf(environment);
		this.workingDirectory = workingDirectory;
		this.streamReaders = streamReaders;
	}

	ProcessCommand command() {
		return this.command;
	}

	/**
	 * Runs the process to its end.
	 * @param redactor applied to stderr text before it goes into an error message
	 * @return everything the process wrote to stdout
	 * @throws CredentialProcessException with {@link ErrorCode#EXECUTION}, {@link ErrorCode#TIMEOUT}
	 * or {@link ErrorCode#OUTPUT_LIMIT}
	 */
	byte[] run(UnaryOperator<String> redactor) {
		long deadline = System.nanoTime() + this.timeout.toNanos();
		Process process = start();
		this.running.add(process);
		try {
			return awaitOutput(process, deadline, redactor);
		}
		catch (InterruptedException ex) {
			ProcessTree.kill(process);
			Thread.currentThread().interrupt();
			throw new CredentialProcessException(ErrorCode.EXECUTION,
					"Interrupted while waiting for credential process '" + this.command.executableName()
							+ "'; its process tree was killed");
		}
		catch (RejectedExecutionException ex) {
			// The stream readers were shut down under us: the provider is closing.
			ProcessTree.kill(process);
			throw new CredentialProcessException(ErrorCode.EXECUTION,
					"Credential process '" + this.command.executableName() + "' was killed because the provider is closing");
		}
		finally {
			this.running.remove(process);
		}
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
		ProcessBuilder builder = new ProcessBuilder(this.command.argv());
		builder.environment().putAll(this.environment);
		if (this.workingDirectory != null) {
			builder.directory(this.workingDirectory.toFile());
		}
		try {
			return builder.start();
		}
		catch (IOException ex) {
			throw new CredentialProcessException(ErrorCode.EXECUTION, "Could not start credential process '"
					+ this.command.executableName() + "': " + ex.getMessage()
					+ "; check that the program exists, is executable and is on the PATH");
		}
	}

	private byte[] awaitOutput(Process process, long deadline, UnaryOperator<String> redactor)
			throws InterruptedException {
		closeStdin(process);
		StdoutCapture stdout = new StdoutCapture(process.getInputStream(), this.maxBufferSize);
		StderrTail stderr = new StderrTail(process.getErrorStream());
		CompletableFuture<Void> stdoutDone = CompletableFuture.runAsync(stdout, this.streamReaders);
		CompletableFuture<Void> stderrDone = CompletableFuture.runAsync(stderr, this.streamReaders);
		CompletableFuture<Process> exited = process.onExit();

		boolean stdoutEndedOrProcessExited = await(CompletableFuture.anyOf(stdoutDone, exited), deadline);
		if (stdout.overflowed()) {
			ProcessTree.kill(process);
			throw outputLimitExceeded();
		}
		if (!stdoutEndedOrProcessExited || !await(exited, deadline)) {
			ProcessTree.kill(process);
			throw timedOut();
		}
		await(stdoutDone, Math.min(deadline, System.nanoTime() + EXIT_GRACE_NANOS));
		if (stdout.overflowed()) {
			throw outputLimitExceeded();
		}
		int exitCode = process.exitValue();
		if (exitCode != 0) {
			await(stderrDone, Math.min(deadline, System.nanoTime() + EXIT_GRACE_NANOS));
			throw failed(exitCode, redactor.apply(stderr.text()));
		}
		return stdout.bytes();
	}

	private static void closeStdin(Process process) {
		try {
			process.getOutputStream().close();
		}
		catch (IOException ex) {
			// Already closed by a process that exited at once; nothing to do.
		}
	}

	/**
	 * Waits until the future completes or the deadline passes.
	 * @return whether it completed
	 */
	private static boolean await(CompletableFuture<?> future, long deadline) throws InterruptedException {
		try {
			future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (ExecutionException ex) {
			return true;
		}
	}

	private CredentialProcessException timedOut() {
		return new CredentialProcessException(ErrorCode.TIMEOUT,
				"Credential process '" + this.command.executableName() + "' did not finish within " + this.timeout
						+ "; it and every process it started were killed. Check why it hangs (does it wait for "
						+ "input or a network call?) or increase the timeout (aws.credential-process.timeout)");
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
		return new CredentialProcessException(ErrorCode.EXECUTION, message.toString());
	}

}
