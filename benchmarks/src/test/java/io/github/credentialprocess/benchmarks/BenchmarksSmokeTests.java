package io.github.credentialprocess.benchmarks;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs every benchmark for one short iteration so that none of them rots. Asserts that each ran
 * and produced a result, never on timings: those are measured by the real runs in BENCHMARKS.md.
 */
class BenchmarksSmokeTests {

	@Test
	void everyBenchmarkRunsAndReportsAResult() throws Exception {
		Options options = new OptionsBuilder().include(getClass().getPackageName() + ".*Benchmark")
			.forks(0)
			.warmupIterations(0)
			.measurementIterations(1)
			.measurementTime(TimeValue.milliseconds(200))
			.measurementBatchSize(1)
			.shouldFailOnError(true)
			.build();
		Collection<RunResult> results = new Runner(options).run();
		Set<String> ran = results.stream()
			.map((result) -> result.getParams().getBenchmark().replace(getClass().getPackageName() + ".", ""))
			.collect(Collectors.toSet());
		assertThat(ran).containsExactlyInAnyOrder("CachedResolveBenchmark.ours1Thread",
				"CachedResolveBenchmark.ours2Threads", "CachedResolveBenchmark.ours8Threads",
				"CachedResolveBenchmark.sdk1Thread", "CachedResolveBenchmark.sdk2Threads",
				"CachedResolveBenchmark.sdk8Threads", "CachedResolveBenchmark.baselineClockAndVolatileRead1Thread",
				"CachedResolveBenchmark.baselineClockAndVolatileRead2Threads", "CachedResolveBenchmark.baselineClockAndVolatileRead8Threads",
				"ProcessRunBenchmark.ours", "ProcessRunBenchmark.sdk", "ProcessRunBenchmark.baselineBareProcessBuilder",
				"ColdHerdBenchmark.ours", "ColdHerdBenchmark.sdk", "RefreshUnderLoadBenchmark.ours",
				"RefreshUnderLoadBenchmark.sdk", "RefreshUnderLoadBenchmark.baseline", "LargeOutputBenchmark.ours",
				"LargeOutputBenchmark.sdk", "StderrBenchmark.ours", "StderrBenchmark.baselineTwoReaderThreads");
		assertThat(results).allSatisfy((result) -> assertThat(result.getPrimaryResult().getSampleCount()).isPositive());
	}

}
