package io.github.credentialprocess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * The provider's concurrency rules, each held at its dangerous point by a latch in a listener or a
 * test clock, then let go: a run belongs to the lifecycle generation it started in; callers cannot
 * hurt each other; a listener cannot deadlock the provider; no helper starts after a stop; the
 * timer is never lost; and a provider without credentials heals without traffic.
 */
class ConcurrencyRulesTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	@TempDir
	Path folder;

	private Scripts scripts;

	private final ExecutorService callers = Executors.newCachedThreadPool();

	@BeforeEach
	void setUp() {
		this.scripts = new Scripts(this.folder);
	}

	@AfterEach
	void tearDown() {
		this.callers.shutdownNow();
	}

	/** Issue 18, item 1: a run still in its listeners when the provider stops belongs to the old generation. */
	@Test
	void credentialsOfARunFromBeforeAStopAreNeverServedAfterIt() throws Exception {
		CountDownLatch inListener = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean first = new AtomicBoolean(true);
		CredentialProcessListener slowListener = new CredentialProcessListener() {
			@Override
			public void onRunFinished(Run run) {
				if (first.getAndSet(false)) {
					inListener.countDown();
					hold(release);
				}
			}
		};
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.listener(slowListener)
			.build()) {
			Future<Object> firstCaller = this.callers.submit(() -> outcome(provider::resolveCredentials));
			assertThat(inListener.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			provider.stop();
			Object whileStopped = outcome(provider::resolveCredentials);
			provider.start();
			Future<Object> afterStart = this.callers.submit(() -> outcome(provider::resolveCredentials));
			release.countDown();
			assertThat(whileStopped).isInstanceOf(CredentialProcessException.class);
			assertThat(afterStart.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOfSatisfying(
					ProcessCredentials.class, (credentials) -> assertThat(credentials.accessKeyId()).isNotEqualTo("AKIDRUN0001"));
			assertThat(firstCaller.get(WAIT.toSeconds(), TimeUnit.SECONDS))
				.satisfies((result) -> assertThat(result).isNotInstanceOfAny(ProcessCredentials.class));
			assertThat(provider.resolveCredentials().accessKeyId()).isNotEqualTo("AKIDRUN0001");
		}
	}

	/** Issue 18, item 2: a caller right after a restart gets a run of its own, not the killed one. */
	@Test
	void callerRightAfterARestartIsNotCancelledByTheRunTheStopKilled() throws Exception {
		Path pid = this.folder.resolve("pid");
		Path script = this.scripts.script("RUN=$(wc -l < '" + this.scripts.runsFile() + "')\n"
				+ "if [ \"$RUN\" -eq 1 ]; then echo $$ > '" + pid + "'; sleep 300; fi\n"
				+ "printf '%s' '" + Scripts.credentialsJson(java.util.Optional.empty()) + "'");
		CountDownLatch killedRunInListener = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CredentialProcessListener slowListener = new CredentialProcessListener() {
			@Override
			public void onRunFinished(Run run) {
				if (run.error().filter((code) -> code == ErrorCode.CANCELLED).isPresent()) {
					killedRunInListener.countDown();
					hold(release);
				}
			}
		};
		try (CredentialProcessProvider provider = this.scripts.provider(script).listener(slowListener).build()) {
			this.callers.submit(() -> outcome(provider::resolveCredentials));
			Scripts.awaitPid(pid);
			provider.stop();
			provider.start();
			Future<Object> afterStart = this.callers.submit(() -> outcome(provider::resolveCredentials));
			// The killed run is still unwinding (held in its listener) while the caller asks.
			killedRunInListener.await(WAIT.toSeconds(), TimeUnit.SECONDS);
			await().atMost(WAIT).until(() -> afterStart.isDone() || waitingCallers() > 0);
			release.countDown();
			assertThat(afterStart.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(ProcessCredentials.class);
		}
	}

	/** Issue 18, item 3: a scheduled refresh that meets a manual refresh answered from the cache still leaves a timer. */
	@Test
	void scheduledRefreshIsNotLostWhenItMeetsAManualRefreshAnsweredFromTheCache() throws Exception {
		HoldingClock clock = new HoldingClock();
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(6))
			.clock(clock)
			.expiryWindow(Duration.ofSeconds(5))
			.refreshJitter(0)
			.minRefreshInterval(Duration.ofMinutes(10))
			.build()) {
			provider.resolveCredentials();
			Thread manualThread = new Thread(() -> outcome(provider::refresh), "manual-refresh");
			clock.holdNextReadOn(manualThread);
			manualThread.start();
			await().atMost(WAIT).until(() -> clock.holding() || !manualThread.isAlive());
			if (clock.holding()) {
				// Where the manual refresh holds the single flight while it reads the clock, the timer
				// fires and joins it; where the read comes after the flight, the refresh just runs.
				await().atMost(WAIT).until(() -> refreshThreadWaits() || this.scripts.runs() >= 2);
				clock.release();
			}
			manualThread.join(WAIT.toMillis());
			await().atMost(WAIT).until(() -> this.scripts.runs() >= 2);
		}
	}

	/**
	 * A flight takes no caller once the credentials it fetched can be seen: a manual refresh that
	 * reads them from the cache while the flight is still in its last steps (a listener told of the
	 * next refresh) gets a run of its own, not the flight it can already see the end of.
	 */
	@Test
	void manualRefreshAfterARunsCredentialsAreVisibleRunsTheHelperAgain() throws Exception {
		HoldOnce hold = new HoldOnce();
		try (CredentialProcessProvider provider = firstRunHeldBy(hold, new CredentialProcessListener() {
			@Override
			public void onRefreshScheduled(Instant at) {
				hold.run();
			}
		})) {
			assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIDRUN0001");
			Future<Object> refreshed = this.callers.submit(() -> outcome(provider::refresh));
			await().atMost(WAIT).until(() -> waitingCallers() == 1);
			hold.release.countDown();
			assertThat(refreshed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOfSatisfying(ProcessCredentials.class,
					(credentials) -> assertThat(credentials.accessKeyId()).isEqualTo("AKIDRUN0002"));
			assertThat(this.scripts.runs()).isEqualTo(2);
		}
	}

	/**
	 * A flight takes no caller once its helper has ended, and a manual refresh joins only a flight
	 * that runs the helper: a read that comes while the finished run is still in its listeners (its
	 * run already recorded) queues a flight of its own, which the refresh after it does not join (the
	 * gate would answer it as a read, from the cache); the refresh runs the helper again, and the read
	 * gets credentials without a third run.
	 */
	@Test
	void manualRefreshWhileAFinishedRunIsInItsListenersRunsTheHelperAgain() throws Exception {
		HoldOnce hold = new HoldOnce();
		try (CredentialProcessProvider provider = firstRunHeldBy(hold, new CredentialProcessListener() {
			@Override
			public void onRunFinished(Run run) {
				hold.run();
			}
		})) {
			Future<Object> read = this.callers.submit(() -> outcome(provider::resolveCredentials));
			await().atMost(WAIT).until(() -> waitingCallers() == 1);
			Future<Object> refreshed = this.callers.submit(() -> outcome(provider::refresh));
			await().atMost(WAIT).until(() -> waitingCallers() == 2);
			hold.release.countDown();
			assertThat(refreshed.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOfSatisfying(ProcessCredentials.class,
					(credentials) -> assertThat(credentials.accessKeyId()).isEqualTo("AKIDRUN0002"));
			assertThat(read.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(ProcessCredentials.class);
			assertThat(this.scripts.runs()).isEqualTo(2);
		}
	}

	/**
	 * Callers who come while a finished run is in its listeners queue behind it and get its
	 * credentials: a hundred reads and a hundred prefetches make no second run.
	 */
	@Test
	void readsAndPrefetchesWhileAFinishedRunIsInItsListenersGetItsCredentialsWithoutAnotherRun() throws Exception {
		HoldOnce hold = new HoldOnce();
		try (CredentialProcessProvider provider = firstRunHeldBy(hold, new CredentialProcessListener() {
			@Override
			public void onRunFinished(Run run) {
				hold.run();
			}
		})) {
			List<Future<Object>> reads = new java.util.ArrayList<>();
			List<CompletableFuture<ProcessCredentials>> prefetches = new java.util.ArrayList<>();
			for (int i = 0; i < 100; i++) {
				reads.add(this.callers.submit(() -> outcome(provider::resolveCredentials)));
				prefetches.add(provider.prefetch());
			}
			await().atMost(WAIT).until(() -> waitingCallers() >= 100);
			hold.release.countDown();
			for (Future<Object> read : reads) {
				assertThat(read.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOfSatisfying(ProcessCredentials.class,
						(credentials) -> assertThat(credentials.accessKeyId()).isEqualTo("AKIDRUN0001"));
			}
			for (CompletableFuture<ProcessCredentials> prefetch : prefetches) {
				assertThat(prefetch).succeedsWithin(WAIT)
					.satisfies((credentials) -> assertThat(credentials.accessKeyId()).isEqualTo("AKIDRUN0001"));
			}
			assertThat(this.scripts.runs()).isEqualTo(1);
		}
	}

	/** Starts the first run in the background and returns once the listener holds the provider's thread. */
	private CredentialProcessProvider firstRunHeldBy(HoldOnce hold, CredentialProcessListener listener)
			throws InterruptedException {
		CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.listener(listener)
			.minRefreshInterval(Duration.ZERO)
			.build();
		provider.prefetch();
		assertThat(hold.reached.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
		return provider;
	}

	/** Holds the thread that first runs it until released; later calls pass. */
	private static final class HoldOnce implements Runnable {

		final CountDownLatch reached = new CountDownLatch(1);

		final CountDownLatch release = new CountDownLatch(1);

		private final AtomicBoolean first = new AtomicBoolean(true);

		@Override
		public void run() {
			if (this.first.getAndSet(false)) {
				this.reached.countDown();
				hold(this.release);
			}
		}

	}

	/** Issue 18, item 4: an interrupted caller stops waiting; the run goes on for the others. */
	@Test
	void interruptedCallerStopsWaitingWithoutHurtingTheRunOthersWaitFor() throws Exception {
		Path go = this.folder.resolve("go");
		Path pid = this.folder.resolve("pid");
		Path script = this.scripts.script("echo $$ > '" + pid + "'\nwhile [ ! -f '" + go + "' ]; do sleep 0.02; done\n"
				+ "printf '%s' '" + Scripts.credentialsJson(java.util.Optional.empty()) + "'");
		try (CredentialProcessProvider provider = this.scripts.provider(script).build()) {
			AtomicReference<Thread> firstThread = new AtomicReference<>();
			AtomicBoolean interruptKept = new AtomicBoolean();
			Future<Object> first = this.callers.submit(() -> {
				firstThread.set(Thread.currentThread());
				Object result = outcome(provider::resolveCredentials);
				interruptKept.set(Thread.currentThread().isInterrupted());
				return result;
			});
			Scripts.awaitPid(pid);
			Future<Object> second = this.callers.submit(() -> outcome(provider::resolveCredentials));
			await().atMost(WAIT).until(() -> waitingCallers() >= 2);
			firstThread.get().interrupt();
			assertThat(first.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(CredentialProcessException.class);
			assertThat(interruptKept).isTrue();
			Files.writeString(go, "go");
			assertThat(second.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(ProcessCredentials.class);
			assertThat(this.scripts.runs()).isEqualTo(1);
			assertThat(provider.status().consecutiveFailures()).isZero();
		}
	}

	/** Issue 18, item 5: a listener calling the provider from inside a run fails at once instead of deadlocking it. */
	@Test
	void listenerCallingTheProviderFromInsideARunFailsAtOnceAndTheRunGoesOn() throws Exception {
		AtomicReference<CredentialProcessProvider> self = new AtomicReference<>();
		List<Object> fromListener = new CopyOnWriteArrayList<>();
		CredentialProcessListener reentrant = new CredentialProcessListener() {
			@Override
			public void onRunStarted(Trigger trigger) {
				fromListener.add(outcome(() -> self.get().resolveCredentials()));
			}

			@Override
			public void onRunFailed(CredentialProcessException failure) {
				fromListener.add(outcome(() -> self.get().refresh()));
			}
		};
		this.scripts.failFromNowOn(true);
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.listener(reentrant)
			.retryInitialDelay(Duration.ofMillis(1))
			.retryMaxDelay(Duration.ofMillis(1))
			.minRefreshInterval(Duration.ZERO)
			.build()) {
			self.set(provider);
			CompletableFuture<Object> failing = CompletableFuture.supplyAsync(() -> outcome(provider::resolveCredentials),
					this.callers);
			assertThat(failing).succeedsWithin(WAIT).isInstanceOf(CredentialProcessException.class);
			// The background retries (every millisecond) go on, each calling the listener, until one
			// succeeds: a manual refresh here would race them and the retry's back-off.
			this.scripts.failFromNowOn(false);
			await().atMost(WAIT).until(() -> !provider.isExpired());
			assertThat(fromListener).isNotEmpty().allSatisfy((result) -> assertThat(result).isInstanceOf(RuntimeException.class));
		}
	}

	/** Issue 18, item 6: no helper starts once stop() has returned. */
	@Test
	void noHelperStartsAfterStopHasReturned() throws Exception {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CredentialProcessListener holdAtStart = new CredentialProcessListener() {
			@Override
			public void onRunStarted(Trigger trigger) {
				started.countDown();
				hold(release);
			}
		};
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.listener(holdAtStart)
			.build()) {
			Future<Object> caller = this.callers.submit(() -> outcome(provider::resolveCredentials));
			assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			provider.stop();
			release.countDown();
			assertThat(caller.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOf(CredentialProcessException.class);
			assertThat(this.scripts.runs()).as("helpers started after stop() returned").isZero();
		}
	}

	/** Issue 18, item 8: a stopped provider of a static-keys profile never serves the keys, however stop and start race. */
	@Test
	void stoppedProviderOfStaticKeysNeverServesThemWhateverTheRace() throws Exception {
		Path config = this.folder.resolve("config");
		Files.writeString(config, "[profile keys]\naws_access_key_id = AKIDSTATIC1234\naws_secret_access_key = "
				+ Scripts.SECRET_ACCESS_KEY + "\n");
		try (CredentialProcessProvider provider = CredentialProcessProvider.builder()
			.profile("keys")
			.configFile(config)
			.build()) {
			for (int race = 0; race < 20_000; race++) {
				CountDownLatch go = new CountDownLatch(1);
				Future<?> starter = this.callers.submit(() -> {
					hold(go);
					provider.start();
				});
				go.countDown();
				provider.stop();
				starter.get();
				provider.stop();
				assertThat(outcome(provider::resolveCredentials)).as("race %d", race)
					.isInstanceOf(CredentialProcessException.class);
				provider.start();
			}
		}
	}

	/** Issue 18, item 9: after a failed first run, the provider keeps trying in the background and heals with no traffic. */
	@Test
	void providerWithoutCredentialsHealsInTheBackgroundWithoutTraffic() throws Exception {
		this.scripts.failFromNowOn(true);
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.retryInitialDelay(Duration.ofMillis(50))
			.retryMaxDelay(Duration.ofMillis(200))
			.build()) {
			assertThat(outcome(provider::resolveCredentials)).isInstanceOf(CredentialProcessException.class);
			this.scripts.failFromNowOn(false);
			await().atMost(WAIT).until(() -> provider.status().maskedAccessKeyId().isPresent());
			int runs = this.scripts.runs();
			provider.stop();
			this.scripts.failFromNowOn(true);
			assertThat(this.scripts.runs()).isEqualTo(runs);
		}
	}

	/** Review of issue 18: credentials that expired while their run was held are never handed out. */
	@Test
	void credentialsThatExpireBeforeTheirCallerGetsThemAreNotHandedOut() throws Exception {
		Path clockFile = this.folder.resolve("clock");
		MutableClock clock = MutableClock.mirroredTo(clockFile);
		CountDownLatch inListener = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
		CredentialProcessListener slow = new CredentialProcessListener() {
			@Override
			public void onRunFinished(Run run) {
				if (finished.incrementAndGet() == 2) {
					inListener.countDown();
					hold(release);
				}
			}
		};
		try (CredentialProcessProvider provider = this.scripts
			.provider(this.scripts.rotatingCredentialsOnClock(clockFile, 600, 0))
			.clock(clock)
			.listener(slow)
			.build()) {
			provider.resolveCredentials();
			clock.advance(Duration.ofSeconds(601));
			Future<Object> caller = this.callers.submit(() -> outcome(provider::resolveCredentials));
			assertThat(inListener.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
			// The run's credentials live 600 s; its listener holds it for 1200.
			clock.advance(Duration.ofSeconds(1200));
			release.countDown();
			assertThat(caller.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isInstanceOfSatisfying(ProcessCredentials.class,
					(credentials) -> assertThat(credentials.expiration().orElseThrow()).isAfter(clock.instant()));
		}
	}

	/** Review of issue 18: an answer from the cache belongs to its generation as much as a run's result. */
	@Test
	void answerFromTheCacheHeldAcrossAStopAndStartIsNotServed() throws Exception {
		HoldingClock clock = new HoldingClock();
		try (CredentialProcessProvider provider = this.scripts.provider(this.scripts.rotatingCredentials(3600))
			.clock(clock)
			.minRefreshInterval(Duration.ofMinutes(10))
			.build()) {
			assertThat(provider.resolveCredentials().accessKeyId()).isEqualTo("AKIDRUN0001");
			clock.holdNextReadOnThreadNamed(CredentialProcessProvider.REFRESH_THREAD_NAME);
			Future<Object> caller = this.callers.submit(() -> outcome(provider::refresh));
			await().atMost(WAIT).until(clock::holding);
			provider.stop();
			provider.start();
			clock.release();
			assertThat(caller.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isNotInstanceOf(ProcessCredentials.class);
		}
	}

	private static Object outcome(java.util.function.Supplier<ProcessCredentials> call) {
		try {
			return call.get();
		}
		catch (RuntimeException ex) {
			return ex;
		}
	}

	private static void hold(CountDownLatch latch) {
		try {
			latch.await(WAIT.toSeconds(), TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** How many threads of the test's pool are parked, waiting for a run. */
	private static long waitingCallers() {
		return Thread.getAllStackTraces().keySet().stream()
			.filter((thread) -> thread.getName().startsWith("pool-"))
			.filter((thread) -> thread.getState() == Thread.State.WAITING || thread.getState() == Thread.State.TIMED_WAITING)
			.filter((thread) -> List.of(thread.getStackTrace()).stream()
				.anyMatch((frame) -> frame.getClassName().startsWith("io.github.credentialprocess")))
			.count();
	}

	private static boolean refreshThreadWaits() {
		return Thread.getAllStackTraces().keySet().stream()
			.filter((thread) -> thread.getName().equals(CredentialProcessProvider.REFRESH_THREAD_NAME))
			.anyMatch((thread) -> thread.getState() == Thread.State.WAITING
					&& List.of(thread.getStackTrace()).stream().anyMatch((frame) -> frame.getMethodName().equals("join")));
	}

	/** The system clock, which holds the next read made on one chosen thread until released. */
	static final class HoldingClock extends Clock {

		private volatile Thread held;

		private volatile String heldName;

		private final CountDownLatch release = new CountDownLatch(1);

		private volatile boolean holding;

		void holdNextReadOn(Thread thread) {
			this.held = thread;
		}

		void holdNextReadOnThreadNamed(String name) {
			this.heldName = name;
		}

		boolean holding() {
			return this.holding;
		}

		void release() {
			this.release.countDown();
		}

		@Override
		public long millis() {
			if (Thread.currentThread() == this.held || Thread.currentThread().getName().equals(this.heldName)) {
				this.held = null;
				this.heldName = null;
				this.holding = true;
				ConcurrencyRulesTests.hold(this.release);
				this.holding = false;
			}
			return System.currentTimeMillis();
		}

		@Override
		public Instant instant() {
			return Instant.ofEpochMilli(millis());
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

}
