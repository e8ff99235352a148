package io.github.credentialprocess;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.github.credentialprocess.CredentialProcessListener.Trigger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The wall clock steps while the monotonic clock stands still: what a JVM sees across a laptop
 * suspend, a VM pause, a live migration, a checkpoint restore or an NTP correction. The provider
 * reads a clock the test steps; its refresh thread's timer runs on the monotonic clock, which the
 * test cannot move, exactly as in those cases. Every provider here has the default configuration
 * (five-minute window, default jitter): the path every user runs. The helper script reads the same
 * stepped clock, so that its {@code Expiration} is as fresh as a real helper's would be.
 */
class ClockJumpTests {

	private static final Duration HANG_GUARD = Duration.ofSeconds(20);

	private static final int ONE_HOUR = 3600;

	@TempDir
	Path folder;

	private Scripts scripts;

	private MutableClock clock;

	private final RecordingListener listener = new RecordingListener();

	@BeforeEach
	void setUp() {
		this.scripts = new Scripts(this.folder);
		this.clock = MutableClock.mirroredTo(this.folder.resolve("clock"));
	}

	@Test
	void forwardJumpPastTheRefreshTimeIsCaughtByTheFirstReadWithoutBlockingIt() {
		// Every run after the first takes a second, so a read that waited for it would get its credentials.
		Path script = this.scripts.rotatingCredentialsOnClock(this.folder.resolve("clock"), ONE_HOUR, 1);
		AtomicLong refreshStartedAt = new AtomicLong();
		try (CredentialProcessProvider provider = provider(script, refreshStartedAt)) {
			ProcessCredentials first = provider.resolveCredentials();
			// Past any jittered refresh time (at least two minutes ahead), a minute before the expiration.
			this.clock.set(first.expiration().orElseThrow().minus(Duration.ofMinutes(1)));
			long jumpedAt = System.nanoTime();
			assertThat(provider.resolveCredentials()).as("the first read after the jump").isSameAs(first);
			await().atMost(HANG_GUARD).until(() -> this.listener.finished.size() == 2);
			assertThat(this.listener.started).containsExactly(Trigger.ON_DEMAND, Trigger.SCHEDULED);
			assertThat(this.listener.finished.get(1).succeeded()).isTrue();
			ProcessCredentials second = provider.resolveCredentials();
			assertThat(second.accessKeyId()).isEqualTo("AKIDRUN0002");
			assertThat(second.expiration().orElseThrow()).isAfter(this.clock.instant());
			System.out.printf("Forward jump past the refresh time: background refresh started %.1f ms after the jump%n",
					(refreshStartedAt.get() - jumpedAt) / 1e6);
		}
	}

	@Test
	void forwardJumpPastTheExpirationNeverYieldsExpiredCredentialsAndCostsOneRun() throws Exception {
		Path script = this.scripts.rotatingCredentialsOnClock(this.folder.resolve("clock"), ONE_HOUR, 0.5);
		try (CredentialProcessProvider provider = provider(script, new AtomicLong())) {
			ProcessCredentials first = provider.resolveCredentials();
			// An hour's suspend right after the fetch: the refresh timer has not moved at all.
			this.clock.set(first.expiration().orElseThrow().plusSeconds(10));
			long expired = readConcurrently(provider, 8, 2_000);
			System.out.printf("Forward jump past the expiration: %d expired credentials returned%n", expired);
			assertThat(expired).isZero();
			assertThat(this.scripts.runs()).isEqualTo(2);
			assertThat(this.listener.started).containsExactly(Trigger.ON_DEMAND, Trigger.ON_DEMAND);
		}
	}

	@Test
	void afterASleepPastTheRefreshTimeTheCredentialsAreRefreshedWithoutAnyRead() {
		// Nobody reads: an instance out of traffic, whose readiness waits on the health check.
		Path script = this.scripts.rotatingCredentialsOnClock(this.folder.resolve("clock"), ONE_HOUR, 0);
		try (CredentialProcessProvider provider = provider(script, new AtomicLong())) {
			ProcessCredentials first = provider.resolveCredentials();
			this.clock.set(first.expiration().orElseThrow().plus(Duration.ofHours(1)));
			await().atMost(RefreshTimer.LONGEST_WAIT.plus(HANG_GUARD)).until(() -> this.listener.finished.size() == 2);
			assertThat(this.listener.started).containsExactly(Trigger.ON_DEMAND, Trigger.SCHEDULED);
			assertThat(provider.status().hasValidCredentials()).isTrue();
			assertThat(provider.status().maskedAccessKeyId()).contains("****0002");
		}
	}

	@Test
	void aRetryLongerThanTheTimersLongestWaitIsAnnouncedOnceAndStaysInTheStatus() {
		// The timer wakes every LONGEST_WAIT while the retry waits; the wall clock stands still.
		this.scripts.failFromNowOn(true);
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.retryInitialDelay(RefreshTimer.LONGEST_WAIT.multipliedBy(3))
			.clock(this.clock)
			.listener(this.listener)
			.build()) {
			assertThatExceptionOfType(CredentialProcessException.class).isThrownBy(provider::resolveCredentials);
			Instant retry = provider.status().nextRefresh().orElseThrow();
			await().during(RefreshTimer.LONGEST_WAIT.plusSeconds(1))
				.atMost(RefreshTimer.LONGEST_WAIT.plus(HANG_GUARD))
				.until(() -> this.listener.scheduled.equals(List.of(retry))
						&& provider.status().nextRefresh().equals(Optional.of(retry)));
			assertThat(this.scripts.runs()).isOne();
		}
	}

	@Test
	void backwardJumpKeepsServingTheCachedCredentialsAndTheTimerWaitsAgain() {
		// Credentials living 4 s: the refresh timer fires within 4 s of real time.
		Path script = this.scripts.rotatingCredentialsOnClock(this.folder.resolve("clock"), 4, 0);
		try (CredentialProcessProvider provider = provider(script, new AtomicLong())) {
			ProcessCredentials first = provider.resolveCredentials();
			Instant refreshAt = provider.status().nextRefresh().orElseThrow();
			this.clock.set(first.fetchedAt().minus(Duration.ofHours(1)));
			// The timer fires during these 5 s, finds the refresh an hour away by the wall clock and
			// waits again instead of running.
			await().during(Duration.ofSeconds(5)).atMost(HANG_GUARD).until(() -> this.scripts.runs() == 1);
			assertThat(provider.resolveCredentials()).isSameAs(first);
			assertThat(provider.status().nextRefresh()).contains(refreshAt);
			// Once the clock is back past the refresh time, the next read starts the refresh.
			this.clock.set(refreshAt);
			assertThat(provider.resolveCredentials()).isSameAs(first);
			await().atMost(HANG_GUARD).until(() -> this.scripts.runs() == 2);
		}
	}

	@Test
	void manyReadsPastTheRefreshTimeStartOneBackgroundRun() throws Exception {
		Path script = this.scripts.rotatingCredentialsOnClock(this.folder.resolve("clock"), ONE_HOUR, 1);
		try (CredentialProcessProvider provider = provider(script, new AtomicLong())) {
			ProcessCredentials first = provider.resolveCredentials();
			this.clock.set(first.expiration().orElseThrow().minus(Duration.ofMinutes(1)));
			assertThat(readConcurrently(provider, 8, 1_000)).isZero();
			await().atMost(HANG_GUARD).until(() -> this.listener.finished.size() == 2);
			assertThat(this.scripts.runs()).isEqualTo(2);
		}
	}

	private CredentialProcessProvider provider(Path script, AtomicLong refreshStartedAt) {
		return this.scripts.provider(script).clock(this.clock).listener(this.listener).listener(new CredentialProcessListener() {
			@Override
			public void onRunStarted(Trigger trigger) {
				if (trigger == Trigger.SCHEDULED) {
					refreshStartedAt.compareAndSet(0, System.nanoTime());
				}
			}
		}).build();
	}

	/**
	 * Reads from several threads and counts the credentials returned that had expired by the
	 * provider's clock when the read returned.
	 */
	private long readConcurrently(CredentialProcessProvider provider, int threads, int readsPerThread)
			throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<Long>> results = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				results.add(executor.submit(() -> {
					long expired = 0;
					for (int i = 0; i < readsPerThread; i++) {
						ProcessCredentials credentials = provider.resolveCredentials();
						if (!credentials.expiration().orElseThrow().isAfter(this.clock.instant())) {
							expired++;
						}
					}
					return expired;
				}));
			}
			long expired = 0;
			for (Future<Long> result : results) {
				expired += result.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
			}
			return expired;
		}
		finally {
			executor.shutdownNow();
		}
	}

}
