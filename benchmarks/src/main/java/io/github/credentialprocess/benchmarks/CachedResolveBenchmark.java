package io.github.credentialprocess.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.ProcessCredentials;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.ProcessCredentialsProvider;

/**
 * Reading valid cached credentials, on 1, 2 and 8 threads: this engine, the AWS SDK, and the floor
 * of a read that judges validity by the wall clock: one volatile read, one
 * {@link System#currentTimeMillis()} and a comparison.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CachedResolveBenchmark {

	private CredentialProcessProvider ours;

	private ProcessCredentialsProvider sdk;

	private volatile Baseline baseline;

	@Setup
	public void setUp() {
		this.ours = Fixtures.ours(Fixtures.ECHO_COMMAND);
		this.baseline = new Baseline(this.ours.resolveCredentials(), Long.MAX_VALUE);
		this.sdk = Fixtures.sdk(Fixtures.ECHO_COMMAND);
		this.sdk.resolveCredentials();
	}

	@TearDown
	public void tearDown() {
		this.ours.close();
		this.sdk.close();
	}

	@Benchmark
	@Threads(1)
	public ProcessCredentials ours1Thread() {
		return this.ours.resolveCredentials();
	}

	@Benchmark
	@Threads(2)
	public ProcessCredentials ours2Threads() {
		return this.ours.resolveCredentials();
	}

	@Benchmark
	@Threads(8)
	public ProcessCredentials ours8Threads() {
		return this.ours.resolveCredentials();
	}

	@Benchmark
	@Threads(1)
	public AwsCredentials sdk1Thread() {
		return this.sdk.resolveCredentials();
	}

	@Benchmark
	@Threads(2)
	public AwsCredentials sdk2Threads() {
		return this.sdk.resolveCredentials();
	}

	@Benchmark
	@Threads(8)
	public AwsCredentials sdk8Threads() {
		return this.sdk.resolveCredentials();
	}

	@Benchmark
	@Threads(1)
	public ProcessCredentials baselineClockAndVolatileRead1Thread() {
		return this.baseline.read();
	}

	@Benchmark
	@Threads(2)
	public ProcessCredentials baselineClockAndVolatileRead2Threads() {
		return this.baseline.read();
	}

	@Benchmark
	@Threads(8)
	public ProcessCredentials baselineClockAndVolatileRead8Threads() {
		return this.baseline.read();
	}

	/** The baseline's cache entry: credentials valid until a wall-clock time. */
	private record Baseline(ProcessCredentials credentials, long expiresAtMillis) {

		ProcessCredentials read() {
			return (System.currentTimeMillis() < this.expiresAtMillis) ? this.credentials : null;
		}

	}

}
