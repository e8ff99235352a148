package io.github.credentialprocess;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.random.RandomGenerator;

import io.github.credentialprocess.CredentialProcessListener.Run;
import io.github.credentialprocess.CredentialProcessListener.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS credentials from an external {@code credential_process} command: the Java counterpart of the
 * Go SDK's {@code aws/credentials/processcreds} provider.
 * <p>
 * The command is run when credentials are first needed, its JSON output is parsed and cached, and
 * a refresh is scheduled on the daemon thread {@value #REFRESH_THREAD_NAME} ahead of the
 * expiration ({@link RefreshPolicy}: {@code expiryWindow} before it, less a random part so that a
 * fleet does not refresh in the same second). Every read judges the cached credentials by the wall
 * clock: a read past the refresh time that finds no run in progress starts the refresh in the
 * background and still returns the valid credentials at once, so a refresh the timer missed (a
 * suspended laptop, a paused VM, a clock step) is caught by the next read; a read past the
 * expiration waits for one run shared by every caller. A run that hangs or floods stdout is
 * killed with every process it started.
 * <p>
 * Reading cached credentials takes no lock and allocates nothing: one volatile read and one clock
 * read. Instances are thread-safe. {@link #stop()} and {@link #start()} follow an application's
 * lifecycle (a stopped provider holds no credentials and runs nothing); {@link #close()} ends it.
 */
public final class CredentialProcessProvider implements AutoCloseable {

	/** Default {@link Builder#timeout(Duration)}: one minute. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(1);

	/** Default {@link Builder#duration(Duration)}: fifteen minutes, as in the Go SDK. */
	public static final Duration DEFAULT_DURATION = Duration.ofMinutes(15);

	/** Default {@link Builder#maxBufferSize(int)}: 8 KiB, as in the Go SDK. */
	public static final int DEFAULT_MAX_BUFFER_SIZE = 8 * 1024;

	/** Default {@link Builder#expiryWindow(Duration)}: five minutes. */
	public static final Duration DEFAULT_EXPIRY_WINDOW = Duration.ofMinutes(5);

	/**
	 * Default {@link Builder#refreshJitter(double)}: the refresh falls due at random between the
	 * whole expiry window and 40% of it before the expiration.
	 */
	public static final double DEFAULT_REFRESH_JITTER = RefreshPolicy.DEFAULT_REFRESH_JITTER;

	/** Default {@link Builder#retryInitialDelay(Duration)}: one second. */
	public static final Duration DEFAULT_RETRY_INITIAL_DELAY = RefreshPolicy.DEFAULT_RETRY_INITIAL_DELAY;

	/** Default {@link Builder#retryMaxDelay(Duration)}: thirty seconds. */
	public static final Duration DEFAULT_RETRY_MAX_DELAY = RefreshPolicy.DEFAULT_RETRY_MAX_DELAY;

	/**
	 * Default {@link Builder#minRefreshInterval(Duration)}: five seconds between a run and a manual
	 * refresh that starts another.
	 */
	public static final Duration DEFAULT_MIN_REFRESH_INTERVAL = Duration.ofSeconds(5);

	/** The provider name the AWS SDKs give process credentials. */
	public static final String PROVIDER_NAME = "ProcessProvider";

	static final String REFRESH_THREAD_NAME = "credential-process-refresh";

	private static final VarHandle CACHED;

	private static final VarHandle REFRESH_REQUESTED_FOR;

	private static final VarHandle CONVERTED;

	static {
		try {
			MethodHandles.Lookup lookup = MethodHandles.lookup();
			CACHED = lookup.findVarHandle(CredentialProcessProvider.class, "cached", CachedCredentials.class);
			REFRESH_REQUESTED_FOR = lookup.findVarHandle(CredentialProcessProvider.class, "refreshRequestedFor",
					CachedCredentials.class);
			CONVERTED = lookup.findVarHandle(CredentialProcessProvider.class, "converted", Converted.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private static final Logger logger = LoggerFactory.getLogger(CredentialProcessProvider.class);

	/** What the constructor logs, kept while logging drops it: see {@link #logDroppedStartupMessages()}. */
	private final StartupLog startupLog = new StartupLog(logger);

	/** Runs the process; {@code null} when a profile's static keys are served instead. */
	private final ProcessRunner runner;

	private final CredentialsParser parser;

	/** The entry of a profile's static keys; {@code null} when a process runs. */
	private final CachedCredentials staticEntry;

	private final RefreshPolicy policy;

	private final long minRefreshIntervalNanos;

	private final Clock clock;

	private final CredentialProcessListener listener;

	private final ScheduledThreadPoolExecutor scheduler;

	/** The run in progress, which every caller needing credentials joins (single flight). */
	private final AtomicReference<CompletableFuture<CachedCredentials>> inFlight = new AtomicReference<>();

	private final AtomicInteger consecutiveFailures = new AtomicInteger();

	/** Guards the lifecycle state and the refresh timer. */
	private final Object lifecycleLock = new Object();

	private volatile CachedCredentials cached;

	/** The last credentials converted by {@link #resolveCredentialsAs(Function)}. */
	private volatile Converted converted;

	/** The entry whose overdue refresh a read has already asked for, so that only one read asks. */
	private volatile CachedCredentials refreshRequestedFor;

	private ScheduledFuture<?> nextRefresh;

	private volatile Instant nextRefreshAt;

	private volatile Run lastRun;

	/** When the last run ended, on the monotonic clock, which a clock step does not move. */
	private volatile long lastRunEndedNanos;

	/**
	 * The last failed run, until a run succeeds: callers without valid credentials get its error
	 * until its retry is due.
	 */
	private volatile RecentFailure recentFailure;

	private volatile State state = State.RUNNING;

	/**
	 * Counts stops and closes. A run remembers the value it started under; when it has changed by
	 * the time the run ends, the run was cancelled and its result is thrown away.
	 */
	private volatile int generation;

	private CredentialProcessProvider(Builder builder, ProcessCommand command, ProcessCredentials staticCredentials) {
		this.policy = new RefreshPolicy(builder.duration, builder.expiryWindow, builder.refreshJitter,
				builder.retryInitialDelay, builder.retryMaxDelay, builder.random);
		this.minRefreshIntervalNanos = builder.minRefreshInterval.toNanos();
		this.clock = builder.clock;
		this.listener = new SafeListener(List.copyOf(builder.listeners));
		this.scheduler = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, REFRESH_THREAD_NAME);
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.setRemoveOnCancelPolicy(true);
		// On close, a refresh waiting for its time is dropped, but a task already due (a prefetch)
		// still runs, finds the provider closed and completes its future.
		this.scheduler.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		if (command != null) {
			this.runner = new ProcessRunner(command, builder.timeout, builder.maxBufferSize, builder.environment,
					builder.workingDirectory);
			this.parser = new CredentialsParser(command.executableName());
			this.staticEntry = null;
			WritableFileWarning.checkCommand(command, builder.workingDirectory);
			this.startupLog.info("AWS credentials come from the credential process '{}' (arguments not shown): "
					+ "a run may take "
					+ "{}; credentials are refreshed {} to {} before they expire (expiry window less up to {}% at "
					+ "random), a failed refresh is retried after {} to {}", command.executableName(),
					Durations.format(builder.timeout), Durations.format(builder.expiryWindow),
					Durations.format(builder.expiryWindow.multipliedBy(
							Math.round((1 - builder.refreshJitter) * 1000)).dividedBy(1000)),
					Math.round(builder.refreshJitter * 100), Durations.format(builder.retryInitialDelay),
					Durations.format(builder.retryMaxDelay));
		}
		else {
			this.runner = null;
			this.parser = null;
			this.staticEntry = CachedCredentials.permanent(staticCredentials);
			this.cached = this.staticEntry;
			this.startupLog.info("The AWS profile holds static keys and no credential_process; no process is run");
		}
	}

	/**
	 * Logs what building this provider logged (where its credentials come from, files others could
	 * write) if logging dropped it then, each line once. For frameworks that build the provider
	 * before their logging is set up: Spring Boot drops every event until its logging system is
	 * initialised, and its config import ({@code spring.config.import=aws-...}) builds the provider
	 * earlier; the Spring integration calls this when the application context takes it over.
	 */
	public void logDroppedStartupMessages() {
		this.startupLog.logDropped();
	}

	/**
	 * Starts building a provider.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A provider for the {@code credential_process} of a profile in the AWS shared config file
	 * ({@code AWS_CONFIG_FILE}, by default {@code ~/.aws/config}), with default settings. Needs
	 * {@code software.amazon.awssdk:profiles} on the classpath.
	 * @param profile the profile name, or {@code null} for {@code AWS_PROFILE}, else
	 * {@code default}
	 * @return the provider
	 * @throws IllegalStateException when the file, the profile or its {@code credential_process}
	 * is missing
	 */
	public static CredentialProcessProvider fromProfile(String profile) {
		return builder().profile(profile).build();
	}

	/**
	 * Returns valid credentials: the cached ones while they have not expired, otherwise the result
	 * of a process run, shared with every other caller waiting at the same time. A call past the
	 * refresh time that finds no run in progress starts the refresh in the background and returns
	 * the cached credentials without waiting. After a failed run, callers without valid credentials
	 * get that run's error without a new run until its retry is due (1 s, 2 s, 4 s ... up to 30 s
	 * after it, by default), so a broken helper is not hammered.
	 * @return the credentials
	 * @throws CredentialProcessException when no valid credentials are cached and the run fails
	 */
	public ProcessCredentials resolveCredentials() {
		CachedCredentials current = this.cached;
		if (current != null) {
			long now = this.clock.millis();
			if (now < current.refreshAtMillis()) {
				return current.credentials();
			}
			if (current.isValidAt(now)) {
				requestRefresh(current);
				return current.credentials();
			}
		}
		RecentFailure failure = this.recentFailure;
		if (failure != null && failure.retryAtNanos() - System.nanoTime() > 0) {
			// A helper that just failed is not run again at once, however many callers ask.
			throw failure.exception();
		}
		return load(Trigger.ON_DEMAND).credentials();
	}

	/**
	 * Returns valid credentials in another form, converting each set of credentials only once: for
	 * an adapter such as the AWS SDK's, so that a request allocates nothing. The converted value is
	 * kept beside the cached credentials (one at a time: a different converter replaces it) and
	 * dropped with them, so that a stopped provider holds no secret in any form.
	 * @param <T> the converted type
	 * @param converter turns credentials into the other form; called again only for new credentials
	 * @return the converted credentials
	 * @throws CredentialProcessException as {@link #resolveCredentials()}
	 */
	public <T> T resolveCredentialsAs(Function<? super ProcessCredentials, ? extends T> converter) {
		ProcessCredentials credentials = resolveCredentials();
		Converted last = this.converted;
		if (last != null && last.source() == credentials && last.converter() == converter) {
			@SuppressWarnings("unchecked")
			T value = (T) last.value();
			return value;
		}
		T value = converter.apply(credentials);
		Converted stored = new Converted(credentials, converter, value);
		this.converted = stored;
		CachedCredentials current = this.cached;
		if (current == null || current.credentials() != credentials) {
			// Stopped (or refreshed) meanwhile: keep no converted secret the cache no longer holds.
			CONVERTED.compareAndSet(this, stored, null);
		}
		return value;
	}

	/**
	 * Runs the process now, whether or not the cached credentials are still valid, unless that
	 * would run it too often: a run in progress is joined; within {@code minRefreshInterval} (5 s by
	 * default) of the last run's end, that run's outcome is returned (the valid cached credentials,
	 * or its error); after a failed run, its error is returned until its retry is due, as for
	 * {@link #resolveCredentials()}. However often it is called (an actuator endpoint, a
	 * scheduler gone wrong), the helper runs at most once per interval and once per back-off step.
	 * @return the credentials of the run started or joined, or of the last run
	 * @throws CredentialProcessException when that run failed; the cached credentials are kept
	 */
	public ProcessCredentials refresh() {
		return load(Trigger.MANUAL).credentials();
	}

	/**
	 * Starts a run in the background unless valid credentials are cached, so that the first caller
	 * does not wait for it. A run already in progress is joined, not repeated.
	 * @return the credentials: at once when valid ones are cached, else the outcome of that run (a
	 * failure is also reported to the listener); completes exceptionally with
	 * {@link ErrorCode#CANCELLED} when the provider is stopped or closed first
	 */
	public CompletableFuture<ProcessCredentials> prefetch() {
		CachedCredentials current = this.cached;
		if (current != null && current.isValidAt(this.clock.millis())) {
			return CompletableFuture.completedFuture(current.credentials());
		}
		CompletableFuture<ProcessCredentials> result = new CompletableFuture<>();
		try {
			this.scheduler.execute(() -> {
				try {
					result.complete(load(Trigger.STARTUP).credentials());
				}
				catch (Throwable ex) {
					result.completeExceptionally(ex);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			result.completeExceptionally(closedException());
		}
		return result;
	}

	/**
	 * Whether there are no valid cached credentials, so that the next
	 * {@link #resolveCredentials()} runs the process. The expiry window does not count: refreshes
	 * before it are scheduled, not left to callers.
	 * @return {@code true} when nothing is cached or the cached credentials have expired
	 */
	public boolean isExpired() {
		CachedCredentials current = this.cached;
		return current == null || !current.isValidAt(this.clock.millis());
	}

	/**
	 * What the provider holds and did last, for health checks and metrics; never a secret.
	 * @return a view taken now
	 */
	public CredentialProcessStatus status() {
		CachedCredentials current = this.cached;
		Optional<ProcessCredentials> credentials = Optional.ofNullable(current).map(CachedCredentials::credentials);
		return new CredentialProcessStatus(this.clock.instant(), describeCommand(),
				credentials.map(ProcessCredentials::maskedAccessKeyId),
				credentials.map(ProcessCredentials::fetchedAt),
				Optional.ofNullable(current)
					.filter((entry) -> entry.expiresAtMillis() != Long.MAX_VALUE)
					.map((entry) -> Instant.ofEpochMilli(entry.expiresAtMillis())),
				Optional.ofNullable(this.lastRun), this.consecutiveFailures.get(), Optional.ofNullable(this.nextRefreshAt));
	}

	/**
	 * Stops the provider for a while (an application context stopping, or going into a checkpoint):
	 * cancels the scheduled refresh, kills a running process tree (its callers get
	 * {@link ErrorCode#CANCELLED}) and drops the cached credentials, so that no secret is held while
	 * stopped. Until {@link #start()}, calls fail with {@link ErrorCode#CANCELLED} and run nothing.
	 * Does nothing when already stopped or closed.
	 */
	public void stop() {
		synchronized (this.lifecycleLock) {
			if (this.state != State.RUNNING) {
				return;
			}
			this.state = State.STOPPED;
			this.generation++;
			cancelScheduledRefresh();
		}
		if (this.runner != null) {
			this.runner.killAll();
		}
		// What a run that finishes from now on stores, it removes again (see run). The failure back-off
		// and the time of the last run are kept: a stop and a start must not let a failing helper run
		// again at once.
		this.cached = null;
		this.converted = null;
		this.refreshRequestedFor = null;
		logger.debug("Credential process provider stopped; cached credentials dropped");
	}

	/**
	 * Starts a stopped provider again: fetches fresh credentials in the background, as
	 * {@link #prefetch()} does. Credentials cached before the stop are never served again. Does
	 * nothing when the provider is running (a new provider is running).
	 * @throws IllegalStateException when the provider is closed
	 */
	public void start() {
		synchronized (this.lifecycleLock) {
			if (this.state == State.CLOSED) {
				throw new IllegalStateException("The credential process provider is closed; it cannot be started again");
			}
			if (this.state == State.RUNNING) {
				return;
			}
			this.state = State.RUNNING;
		}
		this.cached = this.staticEntry;
		logger.debug("Credential process provider started; fetching credentials in the background");
		prefetch();
	}

	/**
	 * Ends the provider: stops scheduled refreshes and kills a running process tree; callers waiting
	 * for that run get {@link ErrorCode#CANCELLED}. Cached credentials can still be read until they
	 * expire; no process runs any more.
	 */
	@Override
	public void close() {
		synchronized (this.lifecycleLock) {
			if (this.state == State.CLOSED) {
				return;
			}
			this.state = State.CLOSED;
			this.generation++;
			cancelScheduledRefresh();
		}
		this.scheduler.shutdown();
		if (this.runner != null) {
			this.runner.killAll();
		}
	}

	private CachedCredentials load(Trigger trigger) {
		CompletableFuture<CachedCredentials> mine = new CompletableFuture<>();
		CompletableFuture<CachedCredentials> running = this.inFlight.compareAndExchange(null, mine);
		if (running != null) {
			return join(running);
		}
		CachedCredentials result = null;
		Throwable failure = null;
		try {
			CachedCredentials reused = outcomeWithoutRun(trigger);
			result = (reused != null) ? reused : run(trigger);
			return result;
		}
		catch (Throwable ex) {
			failure = ex;
			throw ex;
		}
		finally {
			// Cleared before completing, so that a caller arriving from now on never joins a finished
			// run: it sees the new cache entry, or (a manual refresh) starts a run of its own. In a
			// finally block, so that nothing, not even an Error, can leave the marker behind.
			this.inFlight.set(null);
			if (failure == null) {
				mine.complete(result);
			}
			else {
				mine.completeExceptionally(failure);
			}
		}
	}

	/**
	 * Decided by the caller that won the single flight, so that callers queued behind a run that
	 * has just ended do not start another: what that caller gets without a run, or {@code null}
	 * when it must run the process. A read takes valid cached credentials; a manual refresh takes
	 * the last run's outcome within the minimum interval; neither runs a helper whose failure's
	 * retry is not yet due. A scheduled refresh always runs: its timer already follows the back-off.
	 * @throws CredentialProcessException the recent failure, when its retry is not yet due
	 */
	private CachedCredentials outcomeWithoutRun(Trigger trigger) {
		if (trigger == Trigger.SCHEDULED) {
			return null;
		}
		CachedCredentials current = this.cached;
		boolean valid = current != null && current.isValidAt(this.clock.millis());
		long now = System.nanoTime();
		RecentFailure failure = this.recentFailure;
		boolean retryPending = failure != null && failure.retryAtNanos() - now > 0;
		if (trigger != Trigger.MANUAL) {
			if (valid) {
				return current;
			}
			if (retryPending) {
				throw failure.exception();
			}
			return null;
		}
		if (this.state != State.RUNNING) {
			// A refresh asked of a stopped or closed provider is refused, not answered from the cache.
			throw cancelledException();
		}
		boolean ranRecently = this.lastRun != null && now - this.lastRunEndedNanos < this.minRefreshIntervalNanos;
		if (failure != null && (retryPending || ranRecently)) {
			throw failure.exception();
		}
		return (ranRecently && valid) ? current : null;
	}

	private static CachedCredentials join(CompletableFuture<CachedCredentials> running) {
		try {
			return running.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			if (ex.getCause() instanceof Error cause) {
				throw cause;
			}
			throw ex;
		}
	}

	private CachedCredentials run(Trigger trigger) {
		int startedUnder = this.generation;
		if (this.state != State.RUNNING) {
			throw (this.state == State.CLOSED) ? closedException() : stoppedException();
		}
		if (this.runner == null) {
			return this.staticEntry;
		}
		this.listener.onRunStarted(trigger);
		long started = System.nanoTime();
		try {
			CachedCredentials previous = this.cached;
			byte[] output = this.runner.run((previous != null) ? previous.credentials() : null,
					() -> this.generation == startedUnder);
			ProcessCredentials credentials = this.parser.parse(output, this.clock.instant());
			CachedCredentials fresh = this.policy.entryFor(credentials);
			this.cached = fresh;
			if (this.generation != startedUnder) {
				// Stopped or closed while this run finished: a stopped provider holds no credentials.
				CACHED.compareAndSet(this, fresh, (this.state == State.CLOSED) ? fresh : null);
				throw cancelledException();
			}
			this.consecutiveFailures.set(0);
			this.recentFailure = null;
			finished(new Run(trigger, elapsedSince(started), Optional.empty(), this.clock.instant()));
			logger.debug("Credential process '{}' returned {} ({}, {} ms)", this.runner.command().executableName(),
					credentials, trigger.label(), elapsedSince(started).toMillis());
			scheduleRefresh(fresh.refreshAtMillis());
			return fresh;
		}
		catch (CredentialProcessException ex) {
			if (this.generation != startedUnder) {
				CredentialProcessException cancelled = cancelledException();
				finished(new Run(trigger, elapsedSince(started), Optional.of(ErrorCode.CANCELLED), this.clock.instant()));
				logger.debug("Credential process run cancelled ({}): {}", trigger.label(), cancelled.getMessage());
				throw cancelled;
			}
			int failures = this.consecutiveFailures.incrementAndGet();
			long retryDelayMillis = this.policy.retryDelayMillis(failures);
			this.recentFailure = new RecentFailure(ex, retryDelayMillis,
					System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(retryDelayMillis));
			this.listener.onRunFailed(ex);
			finished(new Run(trigger, elapsedSince(started), Optional.of(ex.code()), this.clock.instant()));
			logger.warn("Credential process run failed ({}, failure {} in a row): {}", trigger.label(), failures,
					ex.logMessage());
			throw ex;
		}
	}

	private void finished(Run run) {
		this.lastRunEndedNanos = System.nanoTime();
		this.lastRun = run;
		this.listener.onRunFinished(run);
	}

	/**
	 * Called by a read that found the cached credentials past their refresh time: asks the refresh
	 * thread to refresh now, once per entry, unless a run is already in progress.
	 */
	private void requestRefresh(CachedCredentials due) {
		CachedCredentials requested = this.refreshRequestedFor;
		if (requested == due || this.inFlight.get() != null) {
			return;
		}
		if (REFRESH_REQUESTED_FOR.compareAndSet(this, requested, due)) {
			try {
				this.scheduler.execute(this::refreshIfDue);
			}
			catch (RejectedExecutionException ex) {
				// Closed: no refresh any more; reads go on until the credentials expire.
			}
		}
	}

	/**
	 * Runs on the refresh thread, woken by its timer or by a read. The timer runs on the monotonic
	 * clock, which stands still while the machine sleeps and ignores clock steps, so the wall clock
	 * decides: not yet due (the clock was set back, or a refresh ran meanwhile) means wait again. A
	 * failure is retried with back-off while the cached credentials are valid.
	 */
	private void refreshIfDue() {
		CachedCredentials current = this.cached;
		if (this.state != State.RUNNING || current == null) {
			return;
		}
		if (!current.isRefreshDueAt(this.clock.millis())) {
			scheduleRefresh(current.refreshAtMillis());
			return;
		}
		try {
			load(Trigger.SCHEDULED);
		}
		catch (CredentialProcessException ex) {
			retryLater(ex);
		}
	}

	private void retryLater(CredentialProcessException ex) {
		CachedCredentials current = this.cached;
		long now = this.clock.millis();
		if (ex.code() == ErrorCode.CANCELLED || current == null || !current.isValidAt(now)) {
			return;
		}
		RecentFailure failure = this.recentFailure;
		long delay = (failure != null) ? failure.retryDelayMillis() : this.policy.retryDelayMillis(1);
		long retryAt = now + delay;
		boolean beforeExpiry = retryAt < current.expiresAtMillis();
		// Without a retry before the expiry, reads leave the refresh alone until then; past it,
		// callers run the process themselves.
		CachedCredentials retry = current.withRefreshAt(beforeExpiry ? retryAt : current.expiresAtMillis());
		if (CACHED.compareAndSet(this, current, retry) && beforeExpiry) {
			scheduleRefresh(retryAt);
		}
		this.listener.onRefreshFailed(ex, this.consecutiveFailures.get(),
				beforeExpiry ? Optional.of(Instant.ofEpochMilli(retryAt)) : Optional.empty());
	}

	/**
	 * Sets the refresh timer for the given wall-clock time, replacing the one set before.
	 */
	private void scheduleRefresh(long atMillis) {
		if (atMillis == Long.MAX_VALUE) {
			return;
		}
		Instant at = Instant.ofEpochMilli(atMillis);
		boolean announce;
		synchronized (this.lifecycleLock) {
			if (this.state != State.RUNNING) {
				return;
			}
			announce = !at.equals(this.nextRefreshAt);
			if (this.nextRefresh != null) {
				this.nextRefresh.cancel(false);
			}
			long delay = Math.max(0, atMillis - this.clock.millis());
			this.nextRefresh = this.scheduler.schedule(this::refreshIfDue, delay, TimeUnit.MILLISECONDS);
			this.nextRefreshAt = at;
		}
		if (announce) {
			this.listener.onRefreshScheduled(at);
		}
	}

	private void cancelScheduledRefresh() {
		if (this.nextRefresh != null) {
			this.nextRefresh.cancel(false);
			this.nextRefresh = null;
		}
		this.nextRefreshAt = null;
	}

	private String describeCommand() {
		return (this.runner != null) ? this.runner.command().toString() : "none (static keys of an AWS profile)";
	}

	@Override
	public String toString() {
		return "CredentialProcessProvider[command=" + describeCommand() + "]";
	}

	private CredentialProcessException cancelledException() {
		return (this.state == State.CLOSED) ? closedException() : stoppedException();
	}

	private static CredentialProcessException closedException() {
		return new CredentialProcessException(ErrorCode.CANCELLED,
				"The credential process provider was closed; its running process, if any, was killed");
	}

	private static CredentialProcessException stoppedException() {
		return new CredentialProcessException(ErrorCode.CANCELLED,
				"The credential process provider is stopped (its application context was stopped, or is being "
						+ "checkpointed); a running process, if any, was killed, and none runs until it is started again");
	}

	private static Duration elapsedSince(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

	/** Where the provider is in its life. */
	private enum State {

		RUNNING, STOPPED, CLOSED

	}

	/**
	 * Credentials in another form, and the converter that made them.
	 */
	private record Converted(ProcessCredentials source, Function<?, ?> converter, Object value) {

		@Override
		public String toString() {
			return "Converted[" + this.source + "]";
		}

	}

	/**
	 * A failed run and when a new run may be tried.
	 */
	private record RecentFailure(CredentialProcessException exception, long retryDelayMillis, long retryAtNanos) {
	}

	/**
	 * Builds a {@link CredentialProcessProvider}. Set exactly one of {@link #command(String)},
	 * {@link #command(List)} or {@link #profile(String)}; the last one set wins.
	 */
	public static final class Builder {

		private ProcessCommand command;

		private boolean useProfile;

		private String profile;

		private Path configFile;

		private Duration timeout = DEFAULT_TIMEOUT;

		private Duration duration = DEFAULT_DURATION;

		private int maxBufferSize = DEFAULT_MAX_BUFFER_SIZE;

		private Duration expiryWindow = DEFAULT_EXPIRY_WINDOW;

		private double refreshJitter = DEFAULT_REFRESH_JITTER;

		private Duration retryInitialDelay = DEFAULT_RETRY_INITIAL_DELAY;

		private Duration retryMaxDelay = DEFAULT_RETRY_MAX_DELAY;

		private Duration minRefreshInterval = DEFAULT_MIN_REFRESH_INTERVAL;

		private RandomGenerator random = new Random();

		private final Map<String, String> environment = new LinkedHashMap<>();

		private Path workingDirectory;

		private Clock clock = Clock.systemUTC();

		private final List<CredentialProcessListener> listeners = new ArrayList<>();

		private Builder() {
		}

		/**
		 * The command, run through the platform shell ({@code sh -c} on Unix, {@code cmd.exe /C} on
		 * Windows) exactly as the AWS SDKs run {@code credential_process}.
		 * @param commandLine the command line
		 * @return this builder
		 * @throws IllegalArgumentException when the command is empty or blank
		 */
		public Builder command(String commandLine) {
			this.command = ProcessCommand.shell(commandLine);
			this.useProfile = false;
			return this;
		}

		/**
		 * The command, run directly without a shell: no quoting, globbing or variable expansion.
		 * @param argv the program and its arguments
		 * @return this builder
		 * @throws IllegalArgumentException when the list or its first element is empty
		 */
		public Builder command(List<String> argv) {
			this.command = ProcessCommand.direct(argv);
			this.useProfile = false;
			return this;
		}

		/**
		 * Take the command from the {@code credential_process} of a profile in the AWS shared config
		 * file ({@code AWS_CONFIG_FILE}, by default {@code ~/.aws/config}). A profile with static keys
		 * and no {@code credential_process} serves those keys and runs nothing; with both, the process
		 * runs, as in the AWS SDK for Java v2.
		 * @param profile the profile name, or {@code null} for {@code AWS_PROFILE}, else
		 * {@code default}
		 * @return this builder
		 */
		public Builder profile(String profile) {
			this.profile = profile;
			this.useProfile = true;
			this.command = null;
			return this;
		}

		/** The config file to read a profile from, instead of the default location. */
		Builder configFile(Path configFile) {
			this.configFile = configFile;
			return this;
		}

		/**
		 * How long a run may take before the process and everything it started are killed.
		 * @param timeout a positive duration; default {@link #DEFAULT_TIMEOUT}
		 * @return this builder
		 */
		public Builder timeout(Duration timeout) {
			this.timeout = requirePositive(timeout, "timeout");
			return this;
		}

		/**
		 * How long credentials without an {@code Expiration} are used before they are refreshed.
		 * @param duration a positive duration; default {@link #DEFAULT_DURATION}
		 * @return this builder
		 */
		public Builder duration(Duration duration) {
			this.duration = requirePositive(duration, "duration");
			return this;
		}

		/**
		 * The most bytes the process may write to stdout; past that it is killed and the run fails
		 * with {@link ErrorCode#OUTPUT_LIMIT}. Exactly this many bytes are accepted.
		 * @param maxBufferSize a positive number of bytes; default {@link #DEFAULT_MAX_BUFFER_SIZE}
		 * @return this builder
		 */
		public Builder maxBufferSize(int maxBufferSize) {
			if (maxBufferSize <= 0) {
				throw new IllegalArgumentException("maxBufferSize must be positive, was " + maxBufferSize);
			}
			this.maxBufferSize = maxBufferSize;
			return this;
		}

		/**
		 * How long before the expiration a refresh is scheduled (less a random part, see
		 * {@link #refreshJitter(double)}). When credentials arrive with less life left than this,
		 * the refresh is due at half their remaining life.
		 * @param expiryWindow zero or a positive duration; default {@link #DEFAULT_EXPIRY_WINDOW}
		 * @return this builder
		 */
		public Builder expiryWindow(Duration expiryWindow) {
			Objects.requireNonNull(expiryWindow, "expiryWindow");
			if (expiryWindow.isNegative()) {
				throw new IllegalArgumentException("expiryWindow must not be negative, was " + expiryWindow);
			}
			this.expiryWindow = expiryWindow;
			return this;
		}

		/**
		 * How much of the refresh lead (the expiry window, or half the remaining life) a random draw
		 * may take off, so that instances holding the same credentials do not all refresh in the
		 * same second. With the default {@code 0.6} and a five-minute
		 * window, each refresh falls due at random between five and two minutes before the
		 * expiration.
		 * @param refreshJitter from {@code 0} (every refresh exactly {@code expiryWindow} ahead) to
		 * {@code 1}; default {@link #DEFAULT_REFRESH_JITTER}
		 * @return this builder
		 */
		public Builder refreshJitter(double refreshJitter) {
			if (!(refreshJitter >= 0 && refreshJitter <= 1)) {
				throw new IllegalArgumentException("refreshJitter must be between 0 and 1, was " + refreshJitter);
			}
			this.refreshJitter = refreshJitter;
			return this;
		}

		/**
		 * The wait before the first retry of a failed refresh; each further failure in a row doubles
		 * it, up to {@link #retryMaxDelay(Duration)}, and each wait is shortened by up to 20% at
		 * random.
		 * @param retryInitialDelay a positive duration; default {@link #DEFAULT_RETRY_INITIAL_DELAY}
		 * @return this builder
		 */
		public Builder retryInitialDelay(Duration retryInitialDelay) {
			this.retryInitialDelay = requirePositive(retryInitialDelay, "retryInitialDelay");
			return this;
		}

		/**
		 * The longest wait between two retries of a failed refresh.
		 * @param retryMaxDelay a positive duration; default {@link #DEFAULT_RETRY_MAX_DELAY}
		 * @return this builder
		 */
		public Builder retryMaxDelay(Duration retryMaxDelay) {
			this.retryMaxDelay = requirePositive(retryMaxDelay, "retryMaxDelay");
			return this;
		}

		/**
		 * The shortest time between the end of a run and a {@link CredentialProcessProvider#refresh()
		 * manual refresh} that starts another; a manual refresh asked for sooner returns the last
		 * run's outcome. Bounds what a busy actuator endpoint can make the helper do (an identity
		 * provider's rate limit, a person asked for MFA). Measured on the monotonic clock.
		 * @param minRefreshInterval zero (no minimum; a failed run's back-off still applies) or a
		 * positive duration; default {@link #DEFAULT_MIN_REFRESH_INTERVAL}
		 * @return this builder
		 */
		public Builder minRefreshInterval(Duration minRefreshInterval) {
			Objects.requireNonNull(minRefreshInterval, "minRefreshInterval");
			if (minRefreshInterval.isNegative()) {
				throw new IllegalArgumentException("minRefreshInterval must not be negative, was " + minRefreshInterval);
			}
			this.minRefreshInterval = minRefreshInterval;
			return this;
		}

		/**
		 * The source of the refresh and retry jitter; for reproducible tests.
		 * @param random the random source; default a new {@link Random}
		 * @return this builder
		 */
		public Builder random(RandomGenerator random) {
			this.random = Objects.requireNonNull(random, "random");
			return this;
		}

		/**
		 * Variables added to the environment the process inherits. Their values are masked if the
		 * process echoes them to stderr.
		 * @param environment variable names and values
		 * @return this builder
		 */
		public Builder environment(Map<String, String> environment) {
			this.environment.putAll(environment);
			return this;
		}

		/**
		 * The directory the process runs in; by default the application's.
		 * @param workingDirectory the directory
		 * @return this builder
		 */
		public Builder workingDirectory(Path workingDirectory) {
			this.workingDirectory = workingDirectory;
			return this;
		}

		/**
		 * The wall clock that every read judges the cached credentials by: when they expire, when
		 * their refresh is due. Any clock takes the same path; tests pass one they can step.
		 * @param clock the clock; default {@link Clock#systemUTC()}
		 * @return this builder
		 */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * Adds a listener for runs and refreshes; may be called more than once.
		 * @param listener the listener
		 * @return this builder
		 */
		public Builder listener(CredentialProcessListener listener) {
			this.listeners.add(Objects.requireNonNull(listener, "listener"));
			return this;
		}

		/**
		 * Builds the provider. No process runs until credentials are asked for or
		 * {@link CredentialProcessProvider#prefetch()} is called.
		 * @return the provider
		 * @throws IllegalStateException when no command or profile is set, or the profile cannot be
		 * read
		 */
		public CredentialProcessProvider build() {
			if (this.retryMaxDelay.compareTo(this.retryInitialDelay) < 0) {
				throw new IllegalArgumentException("retryMaxDelay (" + this.retryMaxDelay
						+ ") must not be shorter than retryInitialDelay (" + this.retryInitialDelay + ")");
			}
			if (this.useProfile) {
				requireProfileSupport();
				SharedConfigFile.ProfileSource source = SharedConfigFile.read(this.profile, this.configFile,
						this.clock.instant());
				return new CredentialProcessProvider(this, source.command(), source.staticCredentials());
			}
			if (this.command == null) {
				throw new IllegalStateException(
						"No credential process is set; call command(...) or profile(...) before build()");
			}
			return new CredentialProcessProvider(this, this.command, null);
		}

		private static void requireProfileSupport() {
			try {
				Class.forName("software.amazon.awssdk.profiles.ProfileFile", false, Builder.class.getClassLoader());
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException("Reading credential_process from an AWS profile needs the AWS SDK's "
						+ "profile parser; add the dependency software.amazon.awssdk:profiles");
			}
		}

		private static Duration requirePositive(Duration value, String name) {
			Objects.requireNonNull(value, name);
			if (value.isNegative() || value.isZero()) {
				throw new IllegalArgumentException(name + " must be positive, was " + value);
			}
			return value;
		}

	}

}
