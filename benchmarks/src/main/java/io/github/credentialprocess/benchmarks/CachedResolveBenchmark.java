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
 * Reading valid cached credentials, on 1, 2 and 8 threads: this engine, the AWS SDK, and a plain
 * volatile read (the floor).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CachedResolveBenchmark {

	private CredentialProcessProvider ours;

	private ProcessCredentialsProvider sdk;

	private volatile ProcessCredentials baseline;

	@Setup
	public void setUp() {
		this.ours = Fixtures.ours(Fixtures.ECHO_COMMAND);
		this.baseline = this.ours.resolveCredentials();
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
	public ProcessCredentials baselineVolatileRead1Thread() {
		return this.baseline;
	}

	@Benchmark
	@Threads(2)
	public ProcessCredentials baselineVolatileRead2Threads() {
		return this.baseline;
	}

	@Benchmark
	@Threads(8)
	public ProcessCredentials baselineVolatileRead8Threads() {
		return this.baseline;
	}

}
