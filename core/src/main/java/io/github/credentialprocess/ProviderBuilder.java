package io.github.credentialprocess;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The settings of {@link CredentialProcessProvider.Builder}, one method each; the builder adds
 * {@link CredentialProcessProvider.Builder#build()}. Every value is checked as it is set
 * ({@link ProviderSettings}): a setter throws {@link IllegalArgumentException}, naming the setting,
 * for a value out of its range; no duration may be longer than
 * {@link CredentialProcessProvider#MAX_DURATION}.
 */
abstract sealed class ProviderBuilder permits CredentialProcessProvider.Builder {

	final ProviderSettings settings = new ProviderSettings();

	/**
	 * The command, run through the platform shell ({@code /bin/sh -c} on Unix, {@code cmd.exe /C} on
	 * Windows) exactly as the AWS SDKs run {@code credential_process}.
	 * @param commandLine the command line
	 * @return this builder
	 * @throws IllegalArgumentException when the command is empty or blank
	 */
	public CredentialProcessProvider.Builder command(String commandLine) {
		this.settings.shellCommand(commandLine);
		return self();
	}

	/**
	 * The command, run directly without a shell: no quoting, globbing or variable expansion.
	 * @param argv the program and its arguments
	 * @return this builder
	 * @throws IllegalArgumentException when the list or its first element is empty
	 */
	public CredentialProcessProvider.Builder command(List<String> argv) {
		this.settings.argv(argv);
		return self();
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
	public CredentialProcessProvider.Builder profile(String profile) {
		this.settings.profile(profile);
		return self();
	}

	/** The config file to read a profile from, instead of the default location. */
	CredentialProcessProvider.Builder configFile(Path configFile) {
		this.settings.configFile = configFile;
		return self();
	}

	/**
	 * How long a run may take before the process and everything it started are killed.
	 * @param timeout a positive duration; default {@link CredentialProcessProvider#DEFAULT_TIMEOUT}
	 * @return this builder
	 */
	public CredentialProcessProvider.Builder timeout(Duration timeout) {
		this.settings.timeout(timeout);
		return self();
	}

	/**
	 * How long credentials without an {@code Expiration} are used before they are refreshed.
	 * @param duration a positive duration; default {@link CredentialProcessProvider#DEFAULT_DURATION}
	 * @return this builder
	 */
	public CredentialProcessProvider.Builder duration(Duration duration) {
		this.settings.duration(duration);
		return self();
	}

	/**
	 * The most bytes the process may write to stdout; past that it is killed and the run fails
	 * with {@link ErrorCode#OUTPUT_LIMIT}. Exactly this many bytes are accepted.
	 * @param maxBufferSize a positive number of bytes; default {@link CredentialProcessProvider#DEFAULT_MAX_BUFFER_SIZE}
	 * @return this builder
	 */
	public CredentialProcessProvider.Builder maxBufferSize(int maxBufferSize) {
		this.settings.maxBufferSize(maxBufferSize);
		return self();
	}

	/**
	 * How long before the expiration a refresh is scheduled (less a random part, see
	 * {@link #refreshJitter(double)}). When credentials arrive with less life left than this,
	 * the refresh is due at half their remaining life.
	 * @param expiryWindow zero or a positive duration; default {@link CredentialProcessProvider#DEFAULT_EXPIRY_WINDOW}
	 * @return this builder
	 */
	public CredentialProcessProvider.Builder expiryWindow(Duration expiryWindow) {
		this.settings.expiryWindow(expiryWindow);
		return self();
	}

	/**
	 * How much of the refresh lead (the expiry window, or half the remaining life) a random draw
	 * may take off, so that instances holding the same credentials do not all refresh in the
	 * same second. With the default {@code 0.6} and a five-minute
	 * window, each refresh falls due at random between five and two minutes before the
	 * expiration.
	 * @param refreshJitter from {@code 0} (every refresh exactly {@code expiryWindow} ahead) to
	 * {@code 1}; default {@link CredentialProcessProvider#DEFAULT_REFRESH_JITTER}
	 * @return this builder
	 */
	public CredentialProcessProvider.Builder refreshJitter(double refreshJitter) {
		this.settings.refreshJitter(refreshJitter);
		return self();
	}

	/**
	 * The wait before the first retry of a failed refresh; each further failure in a row doubles
	 * it, up to {@link #retryMaxDelay(Duration)}, and each wait is shortened by up to 20% at
	 * random.
	 * @param retryInitialDelay a positive duration; default {@link CredentialProcessProvider#DEFAULT_RETRY_INITIAL_DELAY}
	 * @return this builder
	 */
	public CredentialProcessProvider.Builder retryInitialDelay(Duration retryInitialDelay) {
		this.settings.retryInitialDelay(retryInitialDelay);
		return self();
	}

	/**
	 * The longest wait between two retries of a failed refresh.
	 * @param retryMaxDelay a positive duration; default {@link CredentialProcessProvider#DEFAULT_RETRY_MAX_DELAY}
	 * @return this builder
	 */
	public CredentialProcessProvider.Builder retryMaxDelay(Duration retryMaxDelay) {
		this.settings.retryMaxDelay(retryMaxDelay);
		return self();
	}

	/**
	 * The shortest time between the end of a run and a {@link CredentialProcessProvider#refresh()
	 * manual refresh} that starts another; a manual refresh asked for sooner returns the last
	 * run's outcome. Bounds what a busy actuator endpoint can make the helper do (an identity
	 * provider's rate limit, a person asked for MFA). Measured on the monotonic clock.
	 * @param minRefreshInterval zero (no minimum; a failed run's back-off still applies) or a
	 * positive duration; default {@link CredentialProcessProvider#DEFAULT_MIN_REFRESH_INTERVAL}
	 * @return this builder
	 */
	public CredentialProcessProvider.Builder minRefreshInterval(Duration minRefreshInterval) {
		this.settings.minRefreshInterval(minRefreshInterval);
		return self();
	}

	/**
	 * The source of the refresh and retry jitter; for reproducible tests.
	 * @param random the random source; default a new {@link java.util.Random}
	 * @return this builder
	 */
	public CredentialProcessProvider.Builder random(RandomGenerator random) {
		this.settings.random(random);
		return self();
	}

	/**
	 * Variables added to the environment the process inherits. Their values are masked if the
	 * process echoes them to stderr.
	 * @param environment variable names and values
	 * @return this builder
	 */
	public CredentialProcessProvider.Builder environment(Map<String, String> environment) {
		this.settings.environment.putAll(environment);
		return self();
	}

	/**
	 * The directory the process runs in; by default the application's.
	 * @param workingDirectory the directory
	 * @return this builder
	 */
	public CredentialProcessProvider.Builder workingDirectory(Path workingDirectory) {
		this.settings.workingDirectory = workingDirectory;
		return self();
	}

	/**
	 * The wall clock that every read judges the cached credentials by: when they expire, when
	 * their refresh is due. Any clock takes the same path; tests pass one they can step.
	 * @param clock the clock; default {@link Clock#systemUTC()}
	 * @return this builder
	 */
	public CredentialProcessProvider.Builder clock(Clock clock) {
		this.settings.clock(clock);
		return self();
	}

	/**
	 * Adds a listener for runs and refreshes; may be called more than once.
	 * @param listener the listener
	 * @return this builder
	 */
	public CredentialProcessProvider.Builder listener(CredentialProcessListener listener) {
		this.settings.listener(listener);
		return self();
	}

	private CredentialProcessProvider.Builder self() {
		return (CredentialProcessProvider.Builder) this;
	}

}
