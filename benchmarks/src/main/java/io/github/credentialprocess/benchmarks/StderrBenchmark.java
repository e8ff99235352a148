package io.github.credentialprocess.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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

/**
 * A talkative helper: N MiB of debug lines to stderr, then the JSON to stdout. Time until the
 * credentials are returned: this engine, and the baseline of a {@link ProcessBuilder} with one
 * thread reading stdout and another reading stderr, each blocking (pipe speed). The AWS SDK is not
 * in this benchmark: it reads stdout only, so the helper blocks on a full stderr pipe (64 KiB) and
 * the SDK waits forever ({@link StderrHangProbe} shows it with a bound).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class StderrBenchmark {

	@Param({ "1", "10" })
	public int stderrMebibytes;

	private String commandLine;

	private CredentialProcessProvider ours;

	@Setup
	public void setUp() {
		Path folder = Fixtures.temporaryFolder();
		this.commandLine = Fixtures.talkativeCommand(folder, this.stderrMebibytes);
		this.ours = Fixtures.runningOnEveryRefresh(CredentialProcessProvider.builder().command(this.commandLine))
			.timeout(java.time.Duration.ofSeconds(30))
			.build();
	}

	@TearDown
	public void tearDown() {
		this.ours.close();
	}

	@Benchmark
	public ProcessCredentials ours() {
		return this.ours.refresh();
	}

	@Benchmark
	public byte[] baselineTwoReaderThreads() throws Exception {
		Process process = new ProcessBuilder(List.of("sh", "-c", this.commandLine)).start();
		CompletableFuture<Long> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
		byte[] stdout;
		try (InputStream in = process.getInputStream()) {
			stdout = in.readAllBytes();
		}
		stderr.join();
		process.waitFor();
		return stdout;
	}

	private static long drain(InputStream stream) {
		try (stream) {
			return stream.transferTo(java.io.OutputStream.nullOutputStream());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
