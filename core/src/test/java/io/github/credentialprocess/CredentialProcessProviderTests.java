package io.github.credentialprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import io.github.credentialprocess.CredentialProcessListener.Trigger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Caching, single flight, scheduled refresh, failure handling and shutdown of
 * {@link CredentialProcessProvider}, each against real processes.
 */
class CredentialProcessProviderTests {

	private static final Duration HANG_GUARD = Duration.ofSeconds(20);

	private static final Instant FAR_FUTURE = Instant.parse("2099-01-01T00:00:00Z");

	@TempDir
	Path folder;

	private Scripts scripts;

	private final RecordingListener listener = new RecordingListener();

	@BeforeEach
	void setUp() {
		this.scripts = new Scripts(this.folder);
	}

	@Test
	void cachedCredentialsAreReturnedWithoutRunningTheProcessAgain() {
		try (CredentialProcessProvider provider = this.scripts
			.provider(this.scripts.printingCredentialsExpiringAt(FAR_FUTURE))
			.build()) {
			ProcessCredentials first = provider.resolveCredentials();
			ProcessCredentials second = provider.resolveCredentials();
			assertThat(second).isSameAs(first);
			assertThat(this.scripts.runs()).isEqualTo(1);
		}
	}

	@Test
	void hundredConcurrentCallersOnAColdCacheShareOneRun() throws Exception {
		Path script = this.scripts.script("sleep 0.5\nprintf '%s' '" + Scripts.credentialsJson(Optional.of(FAR_FUTURE)) + "'");
		try (CredentialProcessProvider provider = this.scripts.provider(script).build()) {
			List<ProcessCredentials> results = callConcurrently(100, provider::resolveCredentials);
			assertThat(this.scripts.runs()).isEqualTo(1);
			assertThat(Set.copyOf(results)).hasSize(1);
			System.out.printf("100 concurrent callers on a cold cache: %d process run(s)%n", this.scripts.runs());
		}
	}

	@Test
	void concurrentCallersOfAFailingRunShareItsError() throws Exception {
		Path script = this.scripts.script("sleep 0.5\necho 'no network' >&2\nexit 4");
		// The back-off out of the way: a caller stalled past a 1 s retry would meet another run.
		try (CredentialProcessProvider provider = this.scripts.provider(script)
			.retryInitialDelay(Duration.ofMinutes(5))
			.retryMaxDelay(Duration.ofMinutes(5))
			.build()) {
			List<Object> outcomes = callConcurrently(20, () -> {
				try {
					return provider.resolveCredentials();
				}
				catch (CredentialProcessException ex) {
					return ex;
				}
			});
			assertThat(this.scripts.runs()).isEqualTo(1);
			assertThat(Set.copyOf(outcomes)).singleElement()
				.isInstanceOfSatisfying(CredentialProcessException.class,
						(ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.EXECUTION));
		}
	}

	@Test
	void refreshIsScheduledBeforeExpirationWithoutAnyCaller() {
		Path script = this.scripts.rotatingCredentials(4);
		try (CredentialProcessProvider provider = this.scripts.provider(script)
			.expiryWindow(Duration.ofSeconds(3))
			.listener(this.listener)
			.build()) {
			assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIDRUN0001");
			await().atMost(HANG_GUARD).until(() -> this.scripts.runs() >= 3);
			assertThat(provider.resolveCredentials().accessKeyId()).isNotEqualTo("AKIDRUN0001");
			assertThat(this.listener.started).startsWith(Trigger.ON_DEMAND, Trigger.SCHEDULED, Trigger.SCHEDULED);
		}
	}

	@Test
	void callersKeepTheCachedCredentialsWhileARefreshRuns() throws IOException {
		Path gate = this.folder.resolve("gate");
		Path script = this.scripts.script("RUN=$(wc -l < '" + this.scripts.runsFile() + "')\n"
				+ "if [ \"$RUN\" -gt 1 ]; then while [ ! -f '" + gate + "' ]; do sleep 0.05; done; fi\n"
				+ "printf '{\"Version\":1,\"AccessKeyId\":\"AKIDRUN%04d\",\"SecretAccessKey\":\"S\",\"Expiration\":\"%s\"}' "
				+ "\"$RUN\" \"$(date -u -d '+30 seconds' +%Y-%m-%dT%H:%M:%SZ)\"");
		try (CredentialProcessProvider provider = this.scripts.provider(script)
			.expiryWindow(Duration.ofSeconds(29))
			.refreshJitter(0)
			.build()) {
			assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIDRUN0001");
			await().atMost(HANG_GUARD).until(() -> this.scripts.runs() == 2);
			ProcessCredentials duringRefresh = assertTimeoutPreemptively(Duration.ofSeconds(5),
					provider::resolveCredentials);
			assertThat(duringRefresh.accessKeyId()).isEqualTo("AKIDRUN0001");
			Files.writeString(gate, "open");
			await().atMost(HANG_GUARD)
				.untilAsserted(() -> assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIDRUN0002"));
		}
	}

	@Test
	void credentialsWithoutExpirationLiveForTheConfiguredDuration() {
		MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
		try (CredentialProcessProvider provider = this.scripts
			.provider(this.scripts.printing(Scripts.credentialsJson(Optional.empty())))
			.duration(Duration.ofMinutes(10))
			.clock(clock)
			.build()) {
			ProcessCredentials credentials = provider.resolveCredentials();
			assertThat(provider.status().expiration()).contains(credentials.fetchedAt().plus(Duration.ofMinutes(10)));
			clock.set(credentials.fetchedAt().plus(Duration.ofMinutes(10)).minusMillis(1));
			assertThat(provider.isExpired()).isFalse();
			clock.advance(Duration.ofMillis(1));
			assertThat(provider.isExpired()).isTrue();
		}
	}

	@Test
	void expiredCredentialsAreNeverReturned() {
		MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
		Instant expiration = Instant.parse("2030-01-01T01:00:00Z");
		try (CredentialProcessProvider provider = this.scripts
			.provider(this.scripts.printingCredentialsExpiringAt(expiration))
			.clock(clock)
			.build()) {
			provider.resolveCredentials();
			clock.set(expiration);
			assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(provider::resolveCredentials)
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.EXPIRED));
			assertThat(this.scripts.runs()).isEqualTo(2);
		}
	}

	@Test
	void failedRefreshIsHiddenFromCallersWhileTheCachedCredentialsAreValid() {
		Path script = this.scripts.rotatingCredentials(30);
		try (CredentialProcessProvider provider = this.scripts.provider(script)
			.expiryWindow(Duration.ofSeconds(29))
			.refreshJitter(0)
			.listener(this.listener)
			.build()) {
			// The refresh falls due 0 to 1 s after the first run: the failure is set up before it.
			this.scripts.failFromRun(2);
			ProcessCredentials first = provider.resolveCredentials();
			await().atMost(HANG_GUARD).until(() -> !this.listener.refreshFailures.isEmpty());
			assertThat(provider.resolveCredentials()).isSameAs(first);
			assertThat(this.listener.refreshFailures.get(0).code()).isEqualTo(ErrorCode.EXECUTION);
		}
	}

	@Test
	void afterExpirationCallersGetTheErrorOfTheFailingProcess() {
		Path script = this.scripts.rotatingCredentials(3);
		try (CredentialProcessProvider provider = this.scripts.provider(script)
			.expiryWindow(Duration.ofSeconds(2))
			.build()) {
			provider.resolveCredentials();
			this.scripts.failFromNowOn(true);
			await().atMost(HANG_GUARD)
				.untilAsserted(() -> assertThatExceptionOfType(CredentialProcessException.class)
					.isThrownBy(provider::resolveCredentials)
					.withMessageContaining("exited with code 1"));
		}
	}

	@Test
	void failedRefreshIsRetriedWithGrowingBackoffAndRecoversWithoutARestart() {
		Path script = this.scripts.rotatingCredentials(60);
		try (CredentialProcessProvider provider = this.scripts.provider(script)
			.expiryWindow(Duration.ofSeconds(59))
			.refreshJitter(0)
			.listener(this.listener)
			.build()) {
			// The refresh falls due 0 to 1 s after the first run: the failures are set up before it.
			this.scripts.failFromRun(2);
			ProcessCredentials first = provider.resolveCredentials();
			await().atMost(HANG_GUARD).untilAsserted(() -> {
				assertThat(provider.resolveCredentials()).as("callers during the failures").isSameAs(first);
				assertThat(this.listener.refreshFailures).hasSizeGreaterThanOrEqualTo(3);
			});
			this.scripts.failFromNowOn(false);
			await().atMost(HANG_GUARD)
				.until(() -> !provider.resolveCredentials().accessKeyId().equals("AKIDRUN0001"));
			List<RecordingListener.RefreshFailure> failures = new ArrayList<>(this.listener.refreshFailures);
			assertThat(failures).extracting(RecordingListener.RefreshFailure::consecutiveFailures)
				.startsWith(1, 2, 3);
			for (int i = 0; i < 3; i++) {
				RecordingListener.RefreshFailure failure = failures.get(i);
				long delay = Duration.between(failure.reportedAt(), failure.nextAttempt().orElseThrow()).toMillis();
				long nominal = CredentialProcessProvider.DEFAULT_RETRY_INITIAL_DELAY.toMillis() << i;
				// The jitter takes up to 20% off; a stalled thread between scheduling and reporting
				// takes a little more. Halving at the low end still tells 1 s, 2 s and 4 s apart.
				assertThat(delay).as("delay after failure %d", i + 1).isBetween(nominal / 2, nominal + 100);
			}
		}
	}

	@Test
	void callersAfterAFailedRunGetItsErrorWithoutANewRunUntilItsRetryIsDue() {
		Path script = this.scripts.script("echo 'helper is down' >&2\nexit 5");
		try (CredentialProcessProvider provider = this.scripts.provider(script).build()) {
			CredentialProcessException first = catchThrowableOfType(CredentialProcessException.class,
					provider::resolveCredentials);
			Instant retryDue = retryDue(provider);
			for (int i = 0; i < 100; i++) {
				Object outcome = outcome(provider::resolveCredentials);
				int runs = this.scripts.runs();
				if (Instant.now().isBefore(retryDue)) {
					// Asked and counted before the retry was due (a stalled thread may get past it).
					assertThat(outcome).isSameAs(first);
					assertThat(runs).isEqualTo(1);
				}
			}
			await().atMost(HANG_GUARD).until(() -> {
				catchThrowable(provider::resolveCredentials);
				return this.scripts.runs() == 2;
			});
		}
	}

	@Test
	void manualRefreshesOfAFailingHelperRunItOncePerBackOffStep() {
		Path script = this.scripts.script("echo 'helper is down' >&2\nexit 5");
		try (LogCapture logs = new LogCapture();
				CredentialProcessProvider provider = this.scripts.provider(script)
					.minRefreshInterval(Duration.ZERO)
					.build()) {
			CredentialProcessException first = catchThrowableOfType(CredentialProcessException.class,
					provider::refresh);
			Instant retryDue = retryDue(provider);
			for (int i = 0; i < 50; i++) {
				Object outcome = outcome(provider::refresh);
				int runs = this.scripts.runs();
				List<String> failures = logs.lines(ch.qos.logback.classic.Level.WARN)
					.stream()
					.filter((line) -> line.contains("run failed"))
					.toList();
				if (Instant.now().isBefore(retryDue)) {
					// Asked and counted before the retry was due (a stalled thread may get past it).
					assertThat(outcome).isSameAs(first);
					assertThat(runs).as("runs within the first back-off step").isEqualTo(1);
					assertThat(failures).hasSize(1);
				}
			}
			await().atMost(HANG_GUARD).until(() -> {
				catchThrowable(provider::refresh);
				return this.scripts.runs() == 2;
			});
			assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(provider::refresh)
				.isNotSameAs(first);
			assertThat(this.scripts.runs()).as("runs right after the second failure").isEqualTo(2);
		}
	}

	@Test
	void manualRefreshWithinTheMinimumIntervalReturnsTheLastRunsCredentialsWithoutARun() {
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.build()) {
			ProcessCredentials first = provider.resolveCredentials();
			for (int i = 0; i < 200; i++) {
				assertThat(provider.refresh()).isSameAs(first);
			}
			assertThat(this.scripts.runs()).isEqualTo(1);
		}
	}

	@Test
	void manualRefreshWithinTheMinimumIntervalOfAFailedRunReturnsThatFailure() {
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.minRefreshInterval(Duration.ofSeconds(2))
			.retryInitialDelay(Duration.ofMillis(1))
			.retryMaxDelay(Duration.ofMillis(1))
			.build()) {
			provider.resolveCredentials();
			this.scripts.failFromNowOn(true);
			await().atMost(HANG_GUARD).until(() -> catchThrowable(provider::refresh) != null);
			long failedAt = System.nanoTime();
			int runs = this.scripts.runs();
			CredentialProcessException failure = catchThrowableOfType(CredentialProcessException.class,
					provider::refresh);
			this.scripts.failFromNowOn(false);
			// Past the 1 ms back-off, so that only the interval holds the next run back.
			await().until(() -> System.nanoTime() - failedAt > Duration.ofMillis(5).toNanos());
			assertThatExceptionOfType(CredentialProcessException.class).as("back-off over, interval not")
				.isThrownBy(provider::refresh)
				.isSameAs(failure);
			assertThat(this.scripts.runs()).isEqualTo(runs);
		}
	}

	@Test
	void clockJumpingPastTheExpirationAndBackNeverYieldsExpiredCredentialsNorATightLoop() {
		Instant start = Instant.now();
		MutableClock clock = new MutableClock(start);
		// A long back-off: the retry of the EXPIRED run would otherwise publish a later run's
		// credentials once the clock is back, and 1000 reads must show no tight loop on their own.
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.clock(clock)
			.retryInitialDelay(Duration.ofMinutes(5))
			.retryMaxDelay(Duration.ofMinutes(5))
			.build()) {
			ProcessCredentials first = provider.resolveCredentials();
			clock.set(start.plus(Duration.ofHours(2)));
			for (int i = 0; i < 1000; i++) {
				assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(provider::resolveCredentials)
					.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.EXPIRED));
			}
			assertThat(this.scripts.runs()).as("runs while the clock is two hours ahead").isEqualTo(2);
			clock.set(start);
			assertThat(provider.resolveCredentials()).isSameAs(first);
			assertThat(this.scripts.runs()).isEqualTo(2);
		}
	}

	@Test
	void refreshRunsTheProcessEvenWhileCredentialsAreValidOnceTheMinimumIntervalHasPassed() {
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.minRefreshInterval(Duration.ofMillis(200))
			.listener(this.listener)
			.build()) {
			assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIDRUN0001");
			await().atMost(HANG_GUARD).until(() -> provider.refresh().accessKeyId().equals("AKIDRUN0002"));
			assertThat(this.scripts.runs()).isEqualTo(2);
			assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIDRUN0002");
			assertThat(this.listener.started).containsExactly(Trigger.ON_DEMAND, Trigger.MANUAL);
		}
	}

	@Test
	void failedManualRefreshKeepsTheCachedCredentials() {
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.minRefreshInterval(Duration.ZERO)
			.build()) {
			ProcessCredentials first = provider.resolveCredentials();
			this.scripts.failFromNowOn(true);
			assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(provider::refresh);
			assertThat(provider.resolveCredentials()).isSameAs(first);
		}
	}

	@Test
	void prefetchRunsTheProcessInTheBackgroundAsAStartupRun() {
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.listener(this.listener)
			.build()) {
			CompletableFuture<ProcessCredentials> first = provider.prefetch();
			assertThat(first).succeedsWithin(HANG_GUARD);
			assertThat(provider.resolveCredentials()).isSameAs(first.join());
			assertThat(this.listener.started).containsExactly(Trigger.STARTUP);
			assertThat(this.listener.finished).singleElement()
				.satisfies((run) -> assertThat(run.succeeded()).isTrue());
		}
	}

	@Test
	void listenerHearsEachRunWithItsTriggerOutcomeAndErrorCode() {
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.minRefreshInterval(Duration.ZERO)
			.listener(this.listener)
			.build()) {
			provider.resolveCredentials();
			this.scripts.failFromNowOn(true);
			CredentialProcessException thrown = catchThrowableOfType(CredentialProcessException.class,
					provider::refresh);
			assertThat(this.listener.failed).as("the failure, as its caller got it").containsExactly(thrown);
			assertThat(this.listener.finished).extracting(CredentialProcessListener.Run::trigger,
					CredentialProcessListener.Run::error)
				.containsExactly(org.assertj.core.groups.Tuple.tuple(Trigger.ON_DEMAND, Optional.empty()),
						org.assertj.core.groups.Tuple.tuple(Trigger.MANUAL, Optional.of(ErrorCode.EXECUTION)));
			assertThat(this.listener.scheduled).hasSize(1);
		}
	}

	@Test
	void failingListenerDoesNotBreakCredentials() {
		CredentialProcessListener broken = new CredentialProcessListener() {
			@Override
			public void onRunFinished(Run run) {
				throw new IllegalStateException("listener bug");
			}
		};
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.listener(broken)
			.build()) {
			assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIDRUN0001");
		}
	}

	@Test
	void listenerThrowingAnErrorIsContainedAndLeavesNoRunBehind() {
		CredentialProcessListener halfPresent = new CredentialProcessListener() {
			@Override
			public void onRunFinished(Run run) {
				throw new NoClassDefFoundError("io/micrometer/core/instrument/Timer");
			}
		};
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.listener(halfPresent)
			.minRefreshInterval(Duration.ZERO)
			.build()) {
			assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIDRUN0001");
			ProcessCredentials refreshed = assertTimeoutPreemptively(HANG_GUARD, provider::refresh);
			assertThat(refreshed.accessKeyId()).isEqualTo("AKIDRUN0002");
		}
	}

	@Test
	void readsWhileASlowRunHoldsTheRefreshThreadNeverReturnExpiredCredentials() {
		// Run 1 is fast and returns credentials living one or two seconds; every later run takes 3 s.
		Path script = this.scripts.script("RUN=$(wc -l < '" + this.scripts.runsFile() + "')\n"
				+ "if [ \"$RUN\" -gt 1 ]; then sleep 3; LIFE=60; else LIFE=2; fi\n"
				+ "printf '{\"Version\":1,\"AccessKeyId\":\"AKIDRUN%04d\",\"SecretAccessKey\":\"S\",\"Expiration\":\"%s\"}' "
				+ "\"$RUN\" \"$(date -u -d \"+$LIFE seconds\" +%Y-%m-%dT%H:%M:%SZ)\"");
		try (CredentialProcessProvider provider = this.scripts.provider(script).build()) {
			assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIDRUN0001");
			provider.prefetch();
			int expired = 0;
			long reads = 0;
			long deadline = System.nanoTime() + HANG_GUARD.toNanos();
			ProcessCredentials credentials;
			do {
				// Judged against the time the call began: credentials valid then may expire while the
				// call returns, which is no fault of the provider.
				Instant calledAt = Instant.now();
				credentials = provider.resolveCredentials();
				reads++;
				if (!credentials.expiration().orElseThrow().isAfter(calledAt)) {
					expired++;
				}
			}
			while (credentials.accessKeyId().equals("AKIDRUN0001") && System.nanoTime() < deadline);
			System.out.printf("Reads while a slow run held the refresh thread: %d, expired: %d%n", reads, expired);
			assertThat(expired).as("expired credentials returned of %d reads", reads).isZero();
			assertThat(credentials.accessKeyId()).isNotEqualTo("AKIDRUN0001");
		}
	}

	@Test
	void closeKillsTheRunningProcessTreeAndWaitingCallersGetAClearError() throws Exception {
		Path pid = this.folder.resolve("pid");
		Path script = this.scripts.script("sleep 300 &\necho $! > '" + pid + "'\nwait");
		CredentialProcessProvider provider = this.scripts.provider(script).build();
		CompletableFuture<ProcessCredentials> caller = CompletableFuture.supplyAsync(provider::resolveCredentials);
		long grandchild = Scripts.awaitPid(pid);
		provider.close();
		assertThat(caller).failsWithin(HANG_GUARD)
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.havingCause()
			.isInstanceOf(CredentialProcessException.class)
			.withMessageContaining("provider was closed");
		ProcessRunnerTests.assertDies(grandchild);
	}

	@Test
	void closeStopsTheProviderThreads() {
		CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600)).build();
		provider.resolveCredentials();
		provider.close();
		await().atMost(HANG_GUARD).until(() -> Thread.getAllStackTraces()
			.keySet()
			.stream()
			.noneMatch((thread) -> thread.getName().startsWith("credential-process-")));
	}

	@Test
	void closedProviderRunsNoProcess() {
		CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600)).build();
		provider.close();
		assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(provider::resolveCredentials)
			.withMessageContaining("closed");
		assertThat(provider.prefetch()).failsWithin(HANG_GUARD)
			.withThrowableThat()
			.havingCause()
			.withMessageContaining("closed");
		assertThat(this.scripts.runs()).isZero();
	}

	@Test
	void buildingAProviderSaysOnceAtInfoWhereTheCredentialsComeFromWithoutTheArguments() {
		Path script = this.scripts.printingCredentialsExpiringAt(FAR_FUTURE);
		try (LogCapture log = new LogCapture();
				CredentialProcessProvider provider = CredentialProcessProvider.builder()
					.command(List.of(script.toString(), "--role-arn", "arn:aws:iam::123456789012:role/secret-role"))
					.timeout(Duration.ofSeconds(30))
					.build()) {
			provider.resolveCredentials();
			assertThat(log.lines(ch.qos.logback.classic.Level.INFO))
				.filteredOn((line) -> line.contains("AWS credentials come from"))
				.singleElement()
				.satisfies((line) -> assertThat(line).contains(script.getFileName().toString())
					.contains("a run may take 30s; credentials are refreshed 5m to 2m before they expire")
					.contains("retried after 1s to 30s")
					.doesNotContain("secret-role")
					.doesNotContain("--role-arn"));
		}
	}

	@Test
	void failedRunWarnsWithTheTriggerSpelledAsInTagsAndHealth() {
		Path script = this.scripts.script("exit 3");
		try (LogCapture log = new LogCapture();
				CredentialProcessProvider provider = this.scripts.provider(script).build()) {
			catchThrowable(provider::resolveCredentials);
			assertThat(log.lines(ch.qos.logback.classic.Level.WARN))
				.anyMatch((line) -> line.contains("Credential process run failed (on-demand, failure 1 in a row)"));
		}
	}

	@Test
	void blankCommandIsRefusedWhenTheProviderIsBuilt() {
		assertThatIllegalArgumentException().isThrownBy(() -> CredentialProcessProvider.builder().command("  "))
			.withMessageContaining("command is empty");
		assertThatIllegalArgumentException().isThrownBy(() -> CredentialProcessProvider.builder().command(List.of()))
			.withMessageContaining("argv is empty");
	}

	/**
	 * A duration past what the clocks' arithmetic holds (about 292 years in nanoseconds) used to fail
	 * later with "long overflow", or not at all where a sum wrapped around; every duration setting is
	 * bounded at a year, with a message that names it.
	 */
	@Test
	void durationSettingLongerThanAYearIsRefusedNamingTheSetting() {
		Duration tooLong = Duration.ofDays(200_000);
		Map<String, Consumer<CredentialProcessProvider.Builder>> settings = Map.of("timeout",
				(builder) -> builder.timeout(tooLong), "duration", (builder) -> builder.duration(tooLong),
				"expiryWindow", (builder) -> builder.expiryWindow(tooLong), "retryInitialDelay",
				(builder) -> builder.retryInitialDelay(tooLong), "retryMaxDelay",
				(builder) -> builder.retryMaxDelay(tooLong), "minRefreshInterval",
				(builder) -> builder.minRefreshInterval(tooLong));
		settings.forEach((name, setting) -> assertThatIllegalArgumentException()
			.isThrownBy(() -> setting.accept(CredentialProcessProvider.builder()))
			.withMessage(name + " must be at most 365d, was 200000d"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> CredentialProcessProvider.builder().timeout(Duration.ofSeconds(Long.MIN_VALUE)))
			.withMessageStartingWith("timeout must be positive, was PT-");
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.timeout(Duration.ofDays(365))
			.duration(Duration.ofDays(365))
			.minRefreshInterval(Duration.ofDays(365))
			.retryMaxDelay(Duration.ofDays(365))
			.build()) {
			assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIDRUN0001");
		}
	}

	/**
	 * When the retry of a failed run falls due, by the wall clock: the timer is armed for it,
	 * rounded up to the millisecond, so a moment a few milliseconds before it is surely before it.
	 */
	private static Instant retryDue(CredentialProcessProvider provider) {
		return provider.status().nextRefresh().orElseThrow().minusMillis(5);
	}

	private static Object outcome(java.util.function.Supplier<?> call) {
		try {
			return call.get();
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	@Test
	void providerWithoutCommandIsRefused() {
		assertThatIllegalStateException().isThrownBy(() -> CredentialProcessProvider.builder().build())
			.withMessageContaining("No credential process is set");
	}

	@Test
	void isExpiredBeforeTheFirstRun() {
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.build()) {
			assertThat(provider.isExpired()).isTrue();
			provider.resolveCredentials();
			assertThat(provider.isExpired()).isFalse();
		}
	}

	private static <T> List<T> callConcurrently(int threads, java.util.concurrent.Callable<T> call) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch ready = new CountDownLatch(threads);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				futures.add(executor.submit(() -> {
					ready.countDown();
					go.await();
					return call.call();
				}));
			}
			ready.await();
			go.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(HANG_GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			executor.shutdownNow();
		}
	}

}
