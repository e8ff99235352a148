package io.github.credentialprocess.benchmarks;

import java.util.concurrent.TimeUnit;

import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.ProcessCredentials;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.ProcessCredentialsProvider;

/**
 * Readers ask for credentials without pause while one thread keeps refreshing them. The readers'
 * latency distribution (p99 and up) shows whether a refresh ever makes a reader wait.
 * <ul>
 * <li>{@code ours}: three readers, one thread calling {@code refresh()} back to back;</li>
 * <li>{@code sdk}: three readers and one more caller of an SDK provider whose credentials are
 * always due for refresh, so that a process runs whenever one can;</li>
 * <li>{@code baseline}: three volatile reads while one thread keeps replacing the value.</li>
 * </ul>
 */
@State(Scope.Group)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RefreshUnderLoadBenchmark {

	private CredentialProcessProvider ours;

	private ProcessCredentialsProvider sdk;

	private volatile ProcessCredentials baseline;

	@Setup
	public void setUp() {
		this.ours = Fixtures.oursRunningOnEveryRefresh(Fixtures.ECHO_COMMAND);
		this.baseline = this.ours.resolveCredentials();
		this.sdk = Fixtures.sdkAlwaysRefreshing(Fixtures.ECHO_COMMAND);
		this.sdk.resolveCredentials();
	}

	@TearDown
	public void tearDown() {
		this.ours.close();
		this.sdk.close();
	}

	@Benchmark
	@Group("ours")
	@GroupThreads(3)
	public ProcessCredentials oursReader() {
		return this.ours.resolveCredentials();
	}

	@Benchmark
	@Group("ours")
	@GroupThreads(1)
	public ProcessCredentials oursRefresher() {
		return this.ours.refresh();
	}

	@Benchmark
	@Group("sdk")
	@GroupThreads(3)
	public AwsCredentials sdkReader() {
		return this.sdk.resolveCredentials();
	}

	@Benchmark
	@Group("sdk")
	@GroupThreads(1)
	public AwsCredentials sdkRefresher() {
		return this.sdk.resolveCredentials();
	}

	@Benchmark
	@Group("baseline")
	@GroupThreads(3)
	public ProcessCredentials baselineReader() {
		return this.baseline;
	}

	@Benchmark
	@Group("baseline")
	@GroupThreads(1)
	public void baselineWriter() {
		ProcessCredentials current = this.baseline;
		this.baseline = new ProcessCredentials(current.accessKeyId(), current.secretAccessKey(),
				current.sessionToken(), current.expiration(), current.accountId(), current.credentialScope(),
				current.fetchedAt());
	}

}
