package io.github.credentialprocess.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.credentialprocess.CredentialProcessProvider;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.auth.credentials.ProcessCredentialsProvider;

/**
 * 64 threads ask a fresh provider for credentials at the same instant. Measures the time until
 * every caller is served, and counts how many processes ran ({@code processRuns}: the total over all
 * measured herds, one herd per iteration, so 20 means one run per herd).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 20)
public class ColdHerdBenchmark {

	static final int CALLERS = 64;

	private ExecutorService callers;

	private Path folder;

	private Path counter;

	private String command;

	private CredentialProcessProvider ours;

	private ProcessCredentialsProvider sdk;

	/** Process runs per herd, reported next to the time. */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class Runs {

		public long processRuns;

	}

	@Setup(Level.Trial)
	public void startCallers() {
		this.callers = Executors.newFixedThreadPool(CALLERS);
		this.folder = Fixtures.temporaryFolder();
		this.counter = this.folder.resolve("runs");
		this.command = Fixtures.countingCommand(this.folder, this.counter);
	}

	@Setup(Level.Invocation)
	public void freshProviders() throws Exception {
		Files.deleteIfExists(this.counter);
		this.ours = Fixtures.ours(this.command);
		this.sdk = Fixtures.sdk(this.command);
	}

	@TearDown(Level.Invocation)
	public void closeProviders() {
		this.ours.close();
		this.sdk.close();
	}

	@TearDown(Level.Trial)
	public void stopCallers() {
		this.callers.shutdownNow();
	}

	@Benchmark
	public void ours(Runs runs) throws Exception {
		herd(this.ours::resolveCredentials);
		runs.processRuns += Fixtures.lines(this.counter);
	}

	@Benchmark
	public void sdk(Runs runs) throws Exception {
		herd(this.sdk::resolveCredentials);
		runs.processRuns += Fixtures.lines(this.counter);
	}

	private void herd(Callable<?> call) throws Exception {
		CountDownLatch ready = new CountDownLatch(CALLERS);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<?>> served = new ArrayList<>(CALLERS);
		for (int i = 0; i < CALLERS; i++) {
			served.add(this.callers.submit(() -> {
				ready.countDown();
				go.await();
				return call.call();
			}));
		}
		ready.await();
		go.countDown();
		for (Future<?> caller : served) {
			caller.get();
		}
	}

}
