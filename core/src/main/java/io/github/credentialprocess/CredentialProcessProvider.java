package io.github.credentialprocess;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

import io.github.credentialprocess.CredentialProcessListener.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AWS credentials from an external {@code credential_process} command: the Java counterpart of the
 * Go SDK's {@code aws/credentials/processcreds} provider.
 * <p>
 * The command is run when credentials are first needed, its JSON output is parsed and cached, and
 * a refresh is scheduled ahead of the expiration ({@link RefreshPolicy}: {@code expiryWindow}
 * before it, less a random part so that a fleet does not refresh in the same second). Every read
 * judges the cached credentials by the wall clock: a read past the refresh time starts the refresh
 * in the background and still returns the valid credentials at once, so a refresh the timer missed
 * (a suspended laptop, a paused VM, a clock step) is caught by the next read; a read past the
 * expiration waits for one run shared by every caller ({@link SingleFlight}). Without valid
 * credentials after a failed run, the provider retries in the background with back-off until a run
 * succeeds ({@link RefreshTimer}). A run that hangs or floods stdout is killed with every process
 * it started.
 * <p>
 * Threads: every run, every timed refresh and every listener call happen on the provider's one
 * daemon thread, {@value #REFRESH_THREAD_NAME}, never on a caller's; a caller only waits, so an
 * interrupted caller stops waiting and the run goes on for the others. Reading cached credentials
 * takes no lock and allocates nothing: one volatile read and one clock read. Instances are
 * thread-safe. {@link #stop()} and {@link #start()} follow an application's lifecycle (a stopped
 * provider holds no credentials and runs nothing, and no helper starts once {@code stop()} has
 * returned); {@link #close()} ends it ({@link Lifecycle}).
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

	/**
	 * The longest any duration setting may be: a year, well within what the clocks' arithmetic in
	 * nanoseconds holds.
	 */
	public static final Duration MAX_DURATION = Duration.ofDays(365);

	/** The provider name the AWS SDKs give process credentials. */
	public static final String PROVIDER_NAME = "ProcessProvider";

	static final String REFRESH_THREAD_NAME = ProviderThread.NAME;

	private static final Logger logger = LoggerFactory.getLogger(CredentialProcessProvider.class);

	/** What the constructor logs, kept while logging drops it: see {@link #logDroppedStartupMessages()}. */
	private final StartupLog startupLog = new StartupLog(logger);

	private final Clock clock;

	/** A profile's static keys; {@code null} when a process runs. */
	private final CachedCredentials staticEntry;

	private final Lifecycle lifecycle;

	private final RunGate gate;

	private final ProviderThread thread;

	private final RefreshTimer timer;

	/** Runs the process; {@code null} when a profile's static keys are served instead. */
	private final ProcessRunner runner;

	private final SingleFlight flights;

	/** What {@link #resolveCredentialsAs(Function)} converted; dropped with the credentials. */
	private final ConvertedCredentials converted;

	private CredentialProcessProvider(ProviderSettings settings, ProviderSettings.Source source) {
		ProcessCommand command = source.command();
		this.clock = settings.clock;
		CredentialProcessListener listener = new SafeListener(List.copyOf(settings.listeners));
		RefreshPolicy policy = settings.policy();
		this.staticEntry = (command != null) ? null : CachedCredentials.permanent(source.staticCredentials());
		this.lifecycle = new Lifecycle(this.staticEntry);
		this.converted = new ConvertedCredentials(this.lifecycle);
		this.gate = new RunGate(this.lifecycle, policy, settings.minRefreshInterval.toNanos());
		this.thread = new ProviderThread();
		this.timer = new RefreshTimer(this.lifecycle, this.gate, this.thread, this.clock, listener,
				this::scheduledRefresh);
		this.runner = (command != null) ? new ProcessRunner(command, settings.timeout, settings.maxBufferSize,
				settings.environment, settings.workingDirectory) : null;
		this.flights = new SingleFlight(this.lifecycle, this.thread,
				new CredentialRun(this.lifecycle, this.gate, this.timer, this.runner, policy, this.clock, listener),
				describeCommand());
		this.startupLog.announce(settings, command);
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
	 * refresh time starts the refresh in the background and returns the cached credentials without
	 * waiting. After a failed run, callers without valid credentials get that run's error without a
	 * new run until its retry is due (1 s, 2 s, 4 s ... up to 30 s after it, by default), so a
	 * broken helper is not hammered.
	 * @return the credentials
	 * @throws CredentialProcessException when no valid credentials are cached and the run fails;
	 * with {@link ErrorCode#CANCELLED} when the calling thread is interrupted while it waits (its
	 * interrupt is kept; the run goes on for other callers)
	 * @throws IllegalStateException when a listener calls it from inside a run and a run would be
	 * needed
	 */
	public ProcessCredentials resolveCredentials() {
		CachedCredentials current = this.lifecycle.cached();
		if (current != null) {
			long now = this.clock.millis();
			if (now < current.refreshAtMillis()) {
				return current.credentials();
			}
			if (current.isValidAt(now)) {
				this.timer.requestNow(current);
				return current.credentials();
			}
		}
		if (!this.lifecycle.isRunning()) {
			throw this.lifecycle.cancelled();
		}
		CredentialProcessException failure = this.gate.pendingFailure();
		if (failure != null) {
			// A helper that just failed is not run again at once, however many callers ask.
			throw failure;
		}
		return awaitValid(Trigger.ON_DEMAND);
	}

	/**
	 * Waits for a flight and hands out its credentials only while they are valid: they can expire
	 * between the run and the caller (a machine suspended, a listener that held the run). Then one
	 * more flight is tried, which runs the helper again.
	 */
	private ProcessCredentials awaitValid(Trigger trigger) {
		CachedCredentials entry = this.flights.await(trigger);
		if (!entry.isValidAt(this.clock.millis())) {
			entry = this.flights.await(Trigger.ON_DEMAND);
		}
		return validCredentials(entry);
	}

	private ProcessCredentials validCredentials(CachedCredentials entry) {
		if (!entry.isValidAt(this.clock.millis())) {
			throw new CredentialProcessException(ErrorCode.EXPIRED, "The credentials of credential process '"
					+ executableName() + "' had expired by the time they could be handed out (was the machine "
					+ "suspended, or a listener slow?); the next call runs it again");
		}
		return entry.credentials();
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
		return this.converted.convert(resolveCredentials(), converter);
	}

	/**
	 * Runs the process now, whether or not the cached credentials are still valid, unless that
	 * would run it too often: a run in progress is joined; within {@code minRefreshInterval} (5 s by
	 * default) of the last run's end, that run's outcome is returned (the valid cached credentials,
	 * or its error); after a failed run, its error is returned until its retry is due, as for
	 * {@link #resolveCredentials()}. However often it is called (an actuator endpoint, a
	 * scheduler gone wrong), the helper runs at most once per interval and once per back-off step.
	 * @return the credentials of the run started or joined, or of the last run
	 * @throws CredentialProcessException when that run failed (the cached credentials are kept), or
	 * with {@link ErrorCode#CANCELLED} when the provider is stopped or closed
	 * @throws IllegalStateException when a listener calls it from inside a run
	 */
	public ProcessCredentials refresh() {
		if (!this.lifecycle.isRunning()) {
			throw this.lifecycle.cancelled();
		}
		return awaitValid(Trigger.MANUAL);
	}

	/**
	 * Starts a run in the background unless valid credentials are cached, so that the first caller
	 * does not wait for it. A run already in progress is joined, not repeated.
	 * @return the credentials: at once when valid ones are cached, else the outcome of that run (a
	 * failure is also reported to the listener); completes exceptionally with
	 * {@link ErrorCode#CANCELLED} at once when the provider is stopped or closed, or when it is
	 * stopped or closed before the run ends
	 */
	public CompletableFuture<ProcessCredentials> prefetch() {
		if (!this.lifecycle.isRunning()) {
			return CompletableFuture.failedFuture(this.lifecycle.cancelled());
		}
		CachedCredentials current = this.lifecycle.cached();
		if (current != null && current.isValidAt(this.clock.millis())) {
			return CompletableFuture.completedFuture(current.credentials());
		}
		return this.flights.join(Trigger.STARTUP).thenApply(this::validCredentials);
	}

	/** What the timer does when it fires, and what a read past the refresh time asks for. */
	private void scheduledRefresh() {
		this.flights.join(Trigger.SCHEDULED);
	}

	/**
	 * Whether there are no valid cached credentials, so that the next
	 * {@link #resolveCredentials()} runs the process. The expiry window does not count: refreshes
	 * before it are scheduled, not left to callers.
	 * @return {@code true} when nothing is cached or the cached credentials have expired
	 */
	public boolean isExpired() {
		CachedCredentials current = this.lifecycle.cached();
		return current == null || !current.isValidAt(this.clock.millis());
	}

	/**
	 * Whether the provider serves credentials: built or started again, and neither stopped nor
	 * closed.
	 * @return {@code true} while the provider is running
	 */
	public boolean isRunning() {
		return this.lifecycle.isRunning();
	}

	/**
	 * What the provider holds and did last, for health checks and metrics; never a secret.
	 * @return a view taken now
	 */
	public CredentialProcessStatus status() {
		CachedCredentials current = this.lifecycle.cached();
		Optional<ProcessCredentials> credentials = Optional.ofNullable(current).map(CachedCredentials::credentials);
		return new CredentialProcessStatus(this.clock.instant(), describeCommand(),
				credentials.map(ProcessCredentials::maskedAccessKeyId),
				credentials.map(ProcessCredentials::fetchedAt),
				Optional.ofNullable(current)
					.filter((entry) -> entry.expiresAtMillis() != Long.MAX_VALUE)
					.map((entry) -> Instant.ofEpochMilli(entry.expiresAtMillis())),
				this.gate.lastRun(), this.gate.consecutiveFailures(), this.timer.nextAt());
	}

	/**
	 * Stops the provider for a while (an application context stopping, or going into a checkpoint):
	 * cancels the scheduled refresh, kills a running process tree (its callers get
	 * {@link ErrorCode#CANCELLED}) and drops the cached credentials, so that no secret is held while
	 * stopped. Once it returns, no helper starts until {@link #start()}, and calls fail with
	 * {@link ErrorCode#CANCELLED}. The failure back-off and the time of the last run are kept, so a
	 * stop and a start never let a failing helper run again at once. Does nothing when already
	 * stopped or closed.
	 */
	public void stop() {
		// Killed under the lifecycle's lock, as part of the stop: a start right after it cannot spawn a
		// helper that this stop's kill would then find, and a second stop returns only when it is done.
		boolean stopped = this.lifecycle.stop(() -> {
			this.converted.clear();
			this.timer.cancelUnderLock();
			killRunningProcesses();
		});
		if (stopped) {
			logger.debug("Credential process provider stopped; cached credentials dropped");
		}
	}

	/**
	 * Starts a stopped provider again: fetches fresh credentials in the background, as
	 * {@link #prefetch()} does. Credentials cached before the stop are never served again, nor is
	 * the outcome of a run from before it. Does nothing when the provider is running (a new provider
	 * is running).
	 * @throws IllegalStateException when the provider is closed
	 */
	public void start() {
		if (this.lifecycle.start(this.staticEntry)) {
			logger.debug("Credential process provider started; fetching credentials in the background");
			prefetch();
		}
	}

	/**
	 * Ends the provider: stops scheduled refreshes and kills a running process tree; callers waiting
	 * for that run get {@link ErrorCode#CANCELLED}. Cached credentials can still be read until they
	 * expire; no process runs any more.
	 */
	@Override
	public void close() {
		boolean closed = this.lifecycle.close(() -> {
			this.timer.cancelUnderLock();
			killRunningProcesses();
		});
		if (closed) {
			this.thread.shutdown();
		}
	}

	private void killRunningProcesses() {
		if (this.runner != null) {
			this.runner.killAll();
		}
	}

	private String executableName() {
		return (this.runner != null) ? this.runner.command().executableName() : "none";
	}

	private String describeCommand() {
		return (this.runner != null) ? this.runner.command().toString() : "none (static keys of an AWS profile)";
	}

	@Override
	public String toString() {
		return "CredentialProcessProvider[command=" + describeCommand() + "]";
	}

	/**
	 * Builds a {@link CredentialProcessProvider}. Set exactly one of {@link #command(String)},
	 * {@link #command(List)} or {@link #profile(String)}; the last one set wins.
	 */
	public static final class Builder extends ProviderBuilder {

		private Builder() {
		}

		/**
		 * Builds the provider. No process runs until credentials are asked for or
		 * {@link CredentialProcessProvider#prefetch()} is called.
		 * @return the provider
		 * @throws IllegalStateException when no command or profile is set, or the profile cannot be
		 * read
		 */
		public CredentialProcessProvider build() {
			return new CredentialProcessProvider(this.settings, this.settings.source());
		}

	}

}
