package io.github.credentialprocess.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.ProcessCredentials;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.ProcessCredentialsProvider;

/**
 * One full process run: start, read, wait, parse. This engine's forced refresh against the AWS
 * SDK (made to refresh on every call) and a bare {@link ProcessBuilder} start + read + wait of the
 * same command, which is as fast as running a process from Java gets.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProcessRunBenchmark {

	/** {@code echo}: the shell's built-in echo of a fixed JSON; {@code script}: a tiny script file. */
	@Param({ "echo", "script" })
	public String command;

	private String commandLine;

	private CredentialProcessProvider ours;

	private ProcessCredentialsProvider sdk;

	@Setup
	public void setUp() {
		Path folder = Fixtures.temporaryFolder();
		this.commandLine = "echo".equals(this.command) ? Fixtures.ECHO_COMMAND : Fixtures.scriptCommand(folder);
		this.ours = Fixtures.oursRunningOnEveryRefresh(this.commandLine);
		this.sdk = Fixtures.sdkAlwaysRefreshing(this.commandLine);
	}

	@TearDown
	public void tearDown() {
		this.ours.close();
		this.sdk.close();
	}

	@Benchmark
	public ProcessCredentials ours() {
		return this.ours.refresh();
	}

	@Benchmark
	public AwsCredentials sdk() {
		return this.sdk.resolveCredentials();
	}

	@Benchmark
	public byte[] baselineBareProcessBuilder() throws Exception {
		return Fixtures.bareProcessRun(this.commandLine);
	}

}
