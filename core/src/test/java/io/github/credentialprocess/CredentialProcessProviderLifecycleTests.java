package io.github.credentialprocess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import io.github.credentialprocess.CredentialProcessListener.Trigger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Stop, start and close of {@link CredentialProcessProvider}, and the runs they cut short: a
 * stopped provider holds no credentials and runs nothing, a started one fetches fresh credentials,
 * and a run cut short is cancelled, not failed.
 */
class CredentialProcessProviderLifecycleTests {

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
	void stopDropsEveryCredentialTheProviderHeld() {
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.build()) {
			provider.resolveCredentials();
			assertThat(Reachability.instancesOf(ProcessCredentials.class, provider)).as("before the stop").isNotEmpty();
			provider.stop();
			assertThat(Reachability.instancesOf(ProcessCredentials.class, provider)).as("after the stop").isEmpty();
			assertThat(provider.status().maskedAccessKeyId()).isEmpty();
			assertThat(provider.status().nextRefresh()).isEmpty();
		}
	}

	@Test
	void stoppedProviderRunsNothingAndCallersGetCancelled() {
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.build()) {
			provider.resolveCredentials();
			provider.stop();
			assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(provider::resolveCredentials)
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.CANCELLED))
				.withMessageContaining("stopped");
			assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(provider::refresh)
				.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.CANCELLED));
			assertThat(this.scripts.runs()).isEqualTo(1);
		}
	}

	@Test
	void startAfterStopFetchesFreshCredentialsInTheBackground() {
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.listener(this.listener)
			.build()) {
			assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIDRUN0001");
			provider.stop();
			provider.start();
			await().atMost(HANG_GUARD).until(() -> !provider.isExpired());
			assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIDRUN0002");
			assertThat(this.listener.started).containsExactly(Trigger.ON_DEMAND, Trigger.STARTUP);
		}
	}

	@Test
	void stopDuringARunKillsItAndRecordsItAsCancelledNotFailed() throws Exception {
		Path pidFile = this.folder.resolve("pid");
		Path script = this.scripts.hangingAfterWritingPid(pidFile);
		try (CredentialProcessProvider provider = this.scripts.provider(script).listener(this.listener).build()) {
			CompletableFuture<ProcessCredentials> caller = CompletableFuture.supplyAsync(provider::resolveCredentials);
			long pid = Scripts.awaitPid(pidFile);
			provider.stop();
			assertThat(caller).failsWithin(HANG_GUARD)
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOfSatisfying(CredentialProcessException.class,
						(ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.CANCELLED));
			ProcessRunnerTests.assertDies(pid);
			assertThat(this.listener.finished).singleElement().satisfies((run) -> {
				assertThat(run.cancelled()).isTrue();
				assertThat(run.outcome()).isEqualTo("cancelled");
				// The status shows the same run: it ran, and the minimum interval counts from it.
				assertThat(provider.status().lastRun()).containsSame(run);
			});
			assertThat(provider.status().consecutiveFailures()).isZero();
		}
	}

	@Test
	void closeDuringARunIsRecordedAsCancelled() throws Exception {
		Path script = this.scripts.hangingAfterWritingPid(this.folder.resolve("pid"));
		CredentialProcessProvider provider = this.scripts.provider(script).listener(this.listener).build();
		CompletableFuture<ProcessCredentials> caller = CompletableFuture.supplyAsync(provider::resolveCredentials);
		Scripts.awaitPid(this.folder.resolve("pid"));
		provider.close();
		assertThat(caller).failsWithin(HANG_GUARD).withThrowableOfType(ExecutionException.class);
		await().atMost(HANG_GUARD).until(() -> this.listener.finished.size() == 1);
		assertThat(this.listener.finished.get(0).error()).contains(ErrorCode.CANCELLED);
		assertThat(provider.status().consecutiveFailures()).isZero();
	}

	@Test
	void closedProviderCannotBeStartedAgain() {
		CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600)).build();
		provider.close();
		assertThatIllegalStateException().isThrownBy(provider::start).withMessageContaining("closed");
	}

	@Test
	void prefetchWithValidCachedCredentialsRunsNothing() {
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.build()) {
			ProcessCredentials cached = provider.resolveCredentials();
			assertThat(provider.prefetch()).succeedsWithin(HANG_GUARD).isSameAs(cached);
			assertThat(this.scripts.runs()).isEqualTo(1);
		}
	}

	@Test
	void prefetchOnAStoppedProviderCompletesCancelledAtOnceNotWithTheNextGenerationsCredentials() throws Exception {
		java.util.concurrent.CountDownLatch inListener = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
		java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
		CredentialProcessListener holdFirstRun = new CredentialProcessListener() {
			@Override
			public void onRunFinished(Run run) {
				if (first.getAndSet(false)) {
					inListener.countDown();
					try {
						release.await(HANG_GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				}
			}
		};
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.listener(holdFirstRun)
			.build()) {
			provider.prefetch();
			assertThat(inListener.await(HANG_GUARD.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			provider.stop();
			// Asked while stopped, with the provider's thread busy: it must not wait for the next start.
			CompletableFuture<ProcessCredentials> whileStopped = provider.prefetch();
			provider.start();
			release.countDown();
			assertThat(whileStopped).failsWithin(HANG_GUARD)
				.withThrowableOfType(ExecutionException.class)
				.havingCause()
				.isInstanceOfSatisfying(CredentialProcessException.class,
						(ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.CANCELLED));
		}
	}

	@Test
	void prefetchStillQueuedWhenTheProviderClosesCompletesExceptionally() {
		Path script = this.scripts.script("sleep 2\nprintf '%s' '" + Scripts.credentialsJson(Optional.of(FAR_FUTURE)) + "'");
		CredentialProcessProvider provider = this.scripts.provider(script).build();
		CompletableFuture<ProcessCredentials> first = provider.prefetch();
		CompletableFuture<ProcessCredentials> queued = provider.prefetch();
		provider.close();
		assertThat(first).failsWithin(HANG_GUARD).withThrowableOfType(ExecutionException.class);
		assertThat(queued).failsWithin(HANG_GUARD).withThrowableOfType(ExecutionException.class);
	}

	@Test
	void closeWhileTheProcessIsStartingKillsItAndNoCallerSucceeds() throws Exception {
		Path pid = this.folder.resolve("pid");
		Path script = this.scripts.script("echo $$ >> '" + pid + "'\nsleep 2\nprintf '%s' '"
				+ Scripts.credentialsJson(Optional.of(FAR_FUTURE)) + "'");
		int succeeded = 0;
		for (int attempt = 0; attempt < 30; attempt++) {
			CredentialProcessProvider provider = this.scripts.provider(script).build();
			CompletableFuture<ProcessCredentials> caller = CompletableFuture.supplyAsync(provider::resolveCredentials);
			// Spread the close over the first milliseconds of the run, where the process is being started.
			LockSupport.parkNanos(attempt * 100_000L);
			provider.close();
			try {
				caller.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
				succeeded++;
			}
			catch (ExecutionException expected) {
				assertThat(expected).cause().isInstanceOf(CredentialProcessException.class);
			}
		}
		if (Files.exists(pid)) {
			Files.readAllLines(pid).stream().map(Long::parseLong).forEach(ProcessRunnerTests::assertDies);
		}
		assertThat(succeeded).as("callers that got credentials after close()").isZero();
	}


	/** Stop and start, as a context restart or a checkpoint does, keep the failure back-off. */
	@Test
	void stopAndStartKeepTheFailureBackOff() {
		Path failing = this.scripts.script("echo 'no credentials today' >&2\nexit 1");
		try (CredentialProcessProvider provider = this.scripts.provider(failing)
			.retryInitialDelay(Duration.ofMinutes(10))
			.retryMaxDelay(Duration.ofMinutes(10))
			.build()) {
			assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(provider::resolveCredentials);
			for (int cycle = 0; cycle < 50; cycle++) {
				provider.stop();
				provider.start();
				assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(provider::resolveCredentials)
					.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ErrorCode.EXECUTION));
			}
			assertThat(this.scripts.runs()).as("runs of the failing helper").isEqualTo(1);
			assertThat(provider.status().consecutiveFailures()).isEqualTo(1);
		}
	}

	/** Stop and start keep the minimum interval between manual refreshes. */
	@Test
	void stopAndStartKeepTheMinimumRefreshInterval() {
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.minRefreshInterval(Duration.ofMinutes(10))
			.build()) {
			provider.resolveCredentials();
			provider.stop();
			provider.start();
			await().atMost(HANG_GUARD).until(() -> !provider.isExpired());
			int runs = this.scripts.runs();
			for (int cycle = 0; cycle < 20; cycle++) {
				provider.refresh();
			}
			assertThat(this.scripts.runs()).isEqualTo(runs);
		}
	}

}
