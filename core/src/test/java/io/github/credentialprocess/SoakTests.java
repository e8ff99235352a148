package io.github.credentialprocess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToLongFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Sixteen callers against credentials that live two seconds, from a process that fails 30% of the
 * time at random. Runs 60 s by default; {@code -Dsoak.seconds=600} runs it longer.
 * <p>
 * The process never fails more than {@value #LONGEST_FAILURE_STREAK} times in a row: a longer streak
 * (a few percent of 60 s runs) would spend most of the soak waiting out the back-off (1 s, 2 s,
 * 4 s, 8 s, 16 s ...) with no process to run, so the soak would measure idle time, not load.
 */
class SoakTests {

	private static final int CALLERS = 16;

	private static final Duration LENGTH = Duration.ofSeconds(Long.getLong("soak.seconds", 60));

	/** Slack for the millisecond rounding of expirations and clock reads. */
	private static final long RACE_MARGIN_MILLIS = 50;

	private static final Duration SAMPLE_INTERVAL = Duration.ofSeconds(1);

	private static final int LONGEST_FAILURE_STREAK = 3;

	@TempDir
	Path folder;

	@Test
	void callersNeverGetExpiredCredentialsNorAnErrorWhileValidOnesExistAndNothingLeaks() throws Exception {
		Scripts scripts = new Scripts(this.folder);
		Path streak = this.folder.resolve("failure-streak");
		Path script = scripts.script("STREAK=$(cat '" + streak + "' 2>/dev/null || echo 0)\n"
				+ "if [ $(( $(od -An -N1 -tu1 /dev/urandom) % 10 )) -lt 3 ] && [ \"$STREAK\" -lt "
				+ LONGEST_FAILURE_STREAK + " ]; then\n"
				+ "  echo $((STREAK + 1)) > '" + streak + "'; echo 'random failure' >&2; exit 1\nfi\n"
				+ "echo 0 > '" + streak + "'\n"
				+ "printf '{\"Version\":1,\"AccessKeyId\":\"AKIDSOAK\",\"SecretAccessKey\":\"S\",\"Expiration\":\"%s\"}' "
				+ "\"$(date -u -d '+2 seconds' +%Y-%m-%dT%H:%M:%S.%3NZ)\"");
		warmUp(scripts);
		int warmUpRuns = scripts.runs();
		Resources before = Resources.now();

		AtomicLong calls = new AtomicLong();
		AtomicLong errors = new AtomicLong();
		AtomicLong expiredReturned = new AtomicLong();
		AtomicLong errorsWhileValid = new AtomicLong();
		AtomicReference<Instant> latestExpiration = new AtomicReference<>(Instant.EPOCH);
		List<Resources> samples = new ArrayList<>();
		ExecutorService executor = Executors.newFixedThreadPool(CALLERS);
		try (CredentialProcessProvider provider = scripts.provider(script).build()) {
			long end = System.nanoTime() + LENGTH.toNanos();
			List<Future<?>> callers = new ArrayList<>();
			for (int i = 0; i < CALLERS; i++) {
				callers.add(executor.submit(() -> {
					while (System.nanoTime() - end < 0) {
						long calledAt = System.currentTimeMillis();
						Instant knownValidUntil = latestExpiration.get();
						calls.incrementAndGet();
						try {
							Instant expiration = provider.resolveCredentials().expiration().orElseThrow();
							if (!expiration.isAfter(Instant.ofEpochMilli(calledAt))) {
								expiredReturned.incrementAndGet();
							}
							latestExpiration.accumulateAndGet(expiration, (a, b) -> a.isAfter(b) ? a : b);
						}
						catch (CredentialProcessException ex) {
							errors.incrementAndGet();
							// Measured after the call: a caller descheduled between its first clock
							// read and the provider's may rightly find the credentials expired.
							long failedAt = System.currentTimeMillis();
							if (knownValidUntil.toEpochMilli() > failedAt + RACE_MARGIN_MILLIS) {
								errorsWhileValid.incrementAndGet();
							}
						}
					}
				}));
			}
			while (System.nanoTime() - end < 0) {
				samples.add(Resources.now());
				await().pollDelay(SAMPLE_INTERVAL).atMost(SAMPLE_INTERVAL.multipliedBy(2)).until(() -> true);
			}
			for (Future<?> caller : callers) {
				caller.get();
			}
		}
		finally {
			executor.shutdownNow();
		}
		// The sample that shows it settled is the one reported: a second one could catch what the JVM
		// itself holds for a moment (a thread it starts, a file it reads).
		Resources after = await().atMost(Duration.ofSeconds(20)).until(Resources::now, (now) -> now.settledAt(before));

		int runs = scripts.runs() - warmUpRuns;
		System.out.printf("Soak %ds: %d calls, %d errors (%d while valid credentials existed), %d expired returned, "
				+ "%d process runs; threads %d -> %d, open files %d -> %d, child processes %d -> %d; "
				+ "during the run threads %d..%d, open files %d..%d%n", LENGTH.toSeconds(), calls.get(),
				errors.get(), errorsWhileValid.get(), expiredReturned.get(), runs, before.threads(),
				after.threads(), before.openFiles(), after.openFiles(), before.children(), after.children(),
				floor(samples, Resources::threads), peak(samples, Resources::threads),
				floor(samples, Resources::openFiles), peak(samples, Resources::openFiles));
		assertThat(calls.get()).isPositive();
		assertThat(runs).isGreaterThan((int) LENGTH.toSeconds() / 2);
		assertThat(expiredReturned.get()).isZero();
		assertThat(errorsWhileValid.get()).isZero();
		// During the run: the floor of the second half is no higher than the floor of the first. A
		// sample that lands while a run is in flight sees its pipes and the JDK's pooled reaper thread,
		// so single samples and peaks are noise; a leak raises the floor by one per run.
		int half = samples.size() / 2;
		assertThat(floor(samples.subList(half, samples.size()), Resources::threads))
			.isLessThanOrEqualTo(floor(samples.subList(0, half), Resources::threads) + 1);
		assertThat(floor(samples.subList(half, samples.size()), Resources::openFiles))
			.isLessThanOrEqualTo(floor(samples.subList(0, half), Resources::openFiles));
	}

	/**
	 * One success and one failure before the baseline is taken, so that what the JVM opens once and
	 * keeps (jar files of classes loaded late, the process reaper) does not count as growth.
	 */
	private static void warmUp(Scripts scripts) {
		Path succeeding = scripts.printing(Scripts.credentialsJson(Optional.empty()));
		Path failing = scripts.script("exit 1");
		try (CredentialProcessProvider provider = scripts.provider(succeeding).build()) {
			assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo(Scripts.ACCESS_KEY_ID);
		}
		try (CredentialProcessProvider provider = scripts.provider(failing).build()) {
			assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(provider::resolveCredentials);
		}
		await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.current().children().count() == 0);
	}

	private static long floor(List<Resources> samples, ToLongFunction<Resources> measure) {
		return samples.stream().mapToLong(measure).min().orElseThrow();
	}

	private static long peak(List<Resources> samples, ToLongFunction<Resources> measure) {
		return samples.stream().mapToLong(measure).max().orElseThrow();
	}

	/** What a leak would grow: live threads, open file descriptors, child processes. */
	record Resources(long threads, long openFiles, long children) {

		static Resources now() {
			return new Resources(ManagementFactory.getThreadMXBean().getThreadCount(), openDescriptors(),
					ProcessHandle.current().children().count());
		}

		/**
		 * The open descriptors a leak would hold: pipes, files, sockets. Not the JVM's own short reads
		 * under {@code /proc} and {@code /sys}: in a container its compiler and GC threads read the
		 * cgroup's memory files at any moment ({@code memory.stat}, {@code memory.limit_in_bytes}),
		 * which made a sample one higher than the one before it, and the listing is one itself.
		 */
		private static long openDescriptors() {
			try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
				return descriptors.map(Resources::target)
					.filter((target) -> target != null && !target.startsWith("/proc/") && !target.startsWith("/sys/"))
					.count();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

		/** What a descriptor is open on; {@code null} when it was closed since the listing. */
		private static String target(Path descriptor) {
			try {
				return Files.readSymbolicLink(descriptor).toString();
			}
			catch (IOException ex) {
				return null;
			}
		}

		/** Back where it started, give or take the JDK's own helper threads. */
		boolean settledAt(Resources before) {
			return this.threads <= before.threads + 2 && this.openFiles <= before.openFiles && this.children == 0;
		}

	}

}
