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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.github.credentialprocess.CredentialProcessListener.Run;
import io.github.credentialprocess.CredentialProcessListener.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS credentials from an external {@code credential_process} command: the Java counterpart of the
 * Go SDK's {@code aws/credentials/processcreds} provider.
 * <p>
 * The command is run when credentials are first needed, its JSON output is parsed and cached, and
 * a refresh is scheduled on the daemon thread {@value #REFRESH_THREAD_NAME} {@code expiryWindow}
 * before the credentials expire. Callers never wait for that refresh: they get the cached
 * credentials until they really expire. However many threads ask at once, at most one process
 * runs. A run that hangs or floods stdout is killed with every process it started.
 * <p>
 * Reading cached credentials takes no lock and allocates nothing. Instances are thread-safe;
 * {@link #close()} stops the refresh thread and kills a running process tree.
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

	/** The provider name the AWS SDKs give process credentials. */
	public static final String PROVIDER_NAME = "ProcessProvider";

	static final String REFRESH_THREAD_NAME = "credential-process-refresh";

	private static final VarHandle CACHED;

	static {
		try {
			CACHED = MethodHandles.lookup().findVarHandle(CredentialProcessProvider.class, "cached", CachedCredentials.class);
		}
		catch (ReflectiveOperationException ex) {
			throw new ExceptionInInitializerError(ex);
		}
	}

	private static final Logger logger = LoggerFactory.getLogger(CredentialProcessProvider.class);

	/** Runs the process; {@code null} when a profile's static keys are served instead. */
	private final ProcessRunner runner;

	private final CredentialsParser parser;

	private final Duration duration;

	private final Duration expiryWindow;

	private final Clock clock;

	/**
	 * Whether the clock is the one the refresh thread's delays run on; only then may a cache entry
	 * be trusted as fresh without reading the clock.
	 */
	private final boolean clockIsSystemClock;

	private final CredentialProcessListener listener;

	private final List<String> environmentValues;

	private final ScheduledThreadPoolExecutor scheduler;

	/** The run in progress, which every caller needing credentials joins (single flight). */
	private final AtomicReference<CompletableFuture<CachedCredentials>> inFlight = new AtomicReference<>();

	private final AtomicInteger consecutiveFailures = new AtomicInteger();

	private final Object scheduleLock = new Object();

	private volatile CachedCredentials cached;

	private ScheduledFuture<?> nextRefresh;

	private volatile Instant nextRefreshAt;

	private volatile Run lastRun;

	/**
	 * The last failed run, until a run succeeds: callers without valid credentials get its error
	 * until its retry is due.
	 */
	private volatile RecentFailure recentFailure;

	private volatile boolean closed;

	private CredentialProcessProvider(Builder builder, ProcessCommand command, ProcessCredentials staticCredentials) {
		this.duration = builder.duration;
		this.expiryWindow = builder.expiryWindow;
		this.clock = builder.clock;
		this.clockIsSystemClock = builder.clock.equals(Clock.systemUTC());
		this.listener = new SafeListener(List.copyOf(builder.listeners));
		this.environmentValues = List.copyOf(builder.environment.values());
		this.scheduler = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, REFRESH_THREAD_NAME);
			thread.setDaemon(true);
			return thread;
		});
		this.scheduler.setRemoveOnCancelPolicy(true);
		if (command != null) {
			this.runner = new ProcessRunner(command, builder.timeout, builder.maxBufferSize, builder.environment,
					builder.workingDirectory);
			this.parser = new CredentialsParser(command.executableName());
			Path executable = WritableFileWarning.locateExecutable(command.executable(), builder.workingDirectory);
			if (executable != null) {
				WritableFileWarning.check(executable, "credential process executable");
			}
		}
		else {
			this.runner = null;
			this.parser = null;
			this.cached = CachedCredentials.permanent(staticCredentials);
			logger.info("The AWS profile holds static keys, which take precedence over its credential_process "
					+ "(as in the AWS SDKs); no process is run");
		}
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
	 * of a process run, shared with every other caller waiting at the same time. After a failed run,
	 * callers get that run's error without a new run until its retry is due (1 s, 2 s, 4 s ... up
	 * to 30 s after it), so a broken helper is not hammered.
	 * @return the credentials
	 * @throws CredentialProcessException when no valid credentials are cached and the run fails
	 */
	public ProcessCredentials resolveCredentials() {
		CachedCredentials current = this.cached;
		if (current != null && (current.fresh() || current.isValidAt(this.clock.millis()))) {
			return current.credentials();
		}
		RecentFailure failure = this.recentFailure;
		if (failure != null && failure.retryAtNanos() - System.nanoTime() > 0) {
			// A helper that just failed is not run again at once, however many callers ask.
			throw failure.exception();
		}
		return load(Trigger.ON_DEMAND).credentials();
	}

	/**
	 * Runs the process now, whether or not the cached credentials are still valid. When a run is
	 * already in progress, waits for it instead of starting another.
	 * @return the new credentials
	 * @throws CredentialProcessException when the run fails; the cached credentials are kept
	 */
	public ProcessCredentials refresh() {
		return load(Trigger.MANUAL).credentials();
	}

	/**
	 * Starts the first run in the background, so that the first caller does not wait for it.
	 * @return the outcome of that run; a failure is also reported to the listener
	 */
	public CompletableFuture<ProcessCredentials> prefetch() {
		try {
			return CompletableFuture.supplyAsync(() -> load(Trigger.STARTUP).credentials(), this.scheduler);
		}
		catch (RejectedExecutionException ex) {
			return CompletableFuture.failedFuture(closedException());
		}
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
	 * Stops scheduled refreshes and kills a running process tree; callers waiting for that run get
	 * a {@link CredentialProcessException}. Cached credentials can still be read.
	 */
	@Override
	public void close() {
		this.closed = true;
		// No refresh thread will mark the entry stale any more: from now on every read checks the clock.
		markStale();
		synchronized (this.scheduleLock) {
			if (this.nextRefresh != null) {
				this.nextRefresh.cancel(false);
			}
			this.nextRefreshAt = null;
		}
		this.scheduler.shutdownNow();
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
		CachedCredentials result;
		try {
			CachedCredentials current = this.cached;
			// A caller that lost the race to a run that has just finished takes its result.
			result = (trigger == Trigger.ON_DEMAND && current != null && current.isValidAt(this.clock.millis()))
					? current : run(trigger);
		}
		catch (RuntimeException ex) {
			this.inFlight.set(null);
			mine.completeExceptionally(ex);
			throw ex;
		}
		// Cleared before completing, so that a caller arriving from now on never joins a finished run:
		// it sees the new cache entry, or (a manual refresh) starts a run of its own.
		this.inFlight.set(null);
		mine.complete(result);
		return result;
	}

	private static CachedCredentials join(CompletableFuture<CachedCredentials> running) {
		try {
			return running.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw ex;
		}
	}

	private CachedCredentials run(Trigger trigger) {
		if (this.runner == null) {
			return this.cached;
		}
		if (this.closed) {
			throw closedException();
		}
		this.listener.onRunStarted(trigger);
		long started = System.nanoTime();
		try {
			byte[] output = this.runner.run(this::redact);
			ProcessCredentials credentials = this.parser.parse(output, this.clock.instant());
			CachedCredentials fresh = CachedCredentials.of(credentials, this.duration, this.expiryWindow,
					this.clockIsSystemClock);
			this.cached = fresh;
			if (this.closed) {
				// Closed while this run finished: no refresh thread will ever mark the entry stale.
				markStale();
			}
			this.consecutiveFailures.set(0);
			this.recentFailure = null;
			finished(new Run(trigger, elapsedSince(started), Optional.empty(), this.clock.instant()));
			logger.debug("Credential process '{}' returned {} ({}, {} ms)", this.runner.command().executableName(),
					credentials, trigger, elapsedSince(started).toMillis());
			scheduleRefresh(fresh.refreshAtMillis() - this.clock.millis());
			return fresh;
		}
		catch (CredentialProcessException ex) {
			CredentialProcessException failure = this.closed ? closedException() : ex;
			int failures = this.consecutiveFailures.incrementAndGet();
			long retryDelayMillis = RefreshBackoff.delayMillis(failures);
			this.recentFailure = new RecentFailure(failure, retryDelayMillis,
					System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(retryDelayMillis));
			finished(new Run(trigger, elapsedSince(started), Optional.of(failure.code()), this.clock.instant()));
			logger.warn("Credential process run failed ({}, failure {} in a row): {}", trigger, failures,
					failure.getMessage());
			throw failure;
		}
	}

	private void finished(Run run) {
		this.lastRun = run;
		this.listener.onRunFinished(run);
	}

	/** Runs on the refresh thread: a failure is retried while the cached credentials are valid. */
	private void refreshInBackground() {
		markStale();
		synchronized (this.scheduleLock) {
			// This is the refresh that was due; a later one may have been scheduled meanwhile.
			if (this.nextRefreshAt != null && !this.nextRefreshAt.isAfter(this.clock.instant())) {
				this.nextRefreshAt = null;
			}
		}
		try {
			load(Trigger.SCHEDULED);
		}
		catch (CredentialProcessException ex) {
			CachedCredentials current = this.cached;
			long now = this.clock.millis();
			if (this.closed || current == null || !current.isValidAt(now)) {
				return;
			}
			int failures = this.consecutiveFailures.get();
			RecentFailure failure = this.recentFailure;
			long delay = (failure != null) ? failure.retryDelayMillis() : RefreshBackoff.delayMillis(failures);
			Optional<Instant> nextAttempt = (now + delay < current.expiresAtMillis())
					? Optional.of(scheduleRefresh(delay)) : Optional.empty();
			this.listener.onRefreshFailed(ex, failures, nextAttempt);
		}
	}

	/**
	 * Replaces a fresh entry by a stale copy, so that reads check the clock from now on. A newer
	 * entry stored meanwhile is left alone.
	 */
	private void markStale() {
		CachedCredentials current = this.cached;
		if (current != null && current.fresh() && current.refreshAtMillis() != Long.MAX_VALUE) {
			CACHED.compareAndSet(this, current, current.asStale());
		}
	}

	private Instant scheduleRefresh(long delayMillis) {
		long delay = Math.max(0, delayMillis);
		Instant at = this.clock.instant().plusMillis(delay);
		synchronized (this.scheduleLock) {
			if (this.closed) {
				return at;
			}
			if (this.nextRefresh != null) {
				this.nextRefresh.cancel(false);
			}
			this.nextRefresh = this.scheduler.schedule(this::refreshInBackground, delay, TimeUnit.MILLISECONDS);
			this.nextRefreshAt = at;
		}
		this.listener.onRefreshScheduled(at);
		return at;
	}

	/** Values that must not appear in stderr quoted in an error message. */
	private String redact(String stderr) {
		List<String> secrets = new ArrayList<>(this.environmentValues);
		CachedCredentials current = this.cached;
		if (current != null) {
			secrets.add(current.credentials().secretAccessKey());
			secrets.add(current.credentials().sessionToken());
		}
		return Redactor.of(secrets).apply(stderr);
	}

	private String describeCommand() {
		return (this.runner != null) ? this.runner.command().toString() : "none (static keys of an AWS profile)";
	}

	@Override
	public String toString() {
		return "CredentialProcessProvider[command=" + describeCommand() + "]";
	}

	private CredentialProcessException closedException() {
		return new CredentialProcessException(ErrorCode.EXECUTION,
				"The credential process provider was closed; its running process, if any, was killed");
	}

	private static Duration elapsedSince(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
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
		 * file ({@code AWS_CONFIG_FILE}, by default {@code ~/.aws/config}). When the profile holds
		 * static keys, they are used and no process runs, as in the AWS SDKs.
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
		 * How long before the expiration a refresh is scheduled. When credentials arrive with less
		 * life left than this, the refresh is due at half their remaining life.
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
		 * The clock that decides when credentials expire; for tests.
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
