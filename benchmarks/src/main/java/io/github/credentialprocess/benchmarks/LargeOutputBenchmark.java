package io.github.credentialprocess.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.credentialprocess.CredentialProcessException;
import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.ErrorCode;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.ProcessCredentialsProvider;

/**
 * A process that tries to write 1 GiB to stdout. Run with {@code -prof gc} to see the bytes
 * allocated per run next to the time it takes to fail.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LargeOutputBenchmark {

	private CredentialProcessProvider ours;

	private ProcessCredentialsProvider sdk;

	@Setup
	public void setUp() {
		this.ours = Fixtures.oursRunningOnEveryRefresh(Fixtures.GIBIBYTE_COMMAND);
		this.sdk = Fixtures.sdk(Fixtures.GIBIBYTE_COMMAND);
	}

	@TearDown
	public void tearDown() {
		this.ours.close();
		this.sdk.close();
	}

	@Benchmark
	public ErrorCode ours() {
		try {
			this.ours.refresh();
			throw new IllegalStateException("1 GiB of output was accepted");
		}
		catch (CredentialProcessException ex) {
			return ex.code();
		}
	}

	@Benchmark
	public String sdk() {
		try {
			this.sdk.resolveCredentials();
			throw new IllegalStateException("1 GiB of output was accepted");
		}
		catch (RuntimeException ex) {
			return ex.getClass().getSimpleName();
		}
	}

}
