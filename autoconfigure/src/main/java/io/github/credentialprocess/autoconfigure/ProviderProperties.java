package io.github.credentialprocess.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.util.unit.DataSize;

/**
 * The settings of one credential process provider: the default one, directly under
 * {@code aws.credential-process}, and each named one, under
 * {@code aws.credential-process.providers.<name>}. Set exactly one of {@code command},
 * {@code argv} or {@code profile}.
 */
public class ProviderProperties {


	/**
	 * Command line of the credential process, run through the platform shell (sh -c on Unix,
	 * cmd.exe /C on Windows) as the AWS SDKs run credential_process.
	 */
	private String command;

	/**
	 * Program and arguments of the credential process, run directly without a shell.
	 */
	private List<String> argv = new ArrayList<>();

	/**
	 * Profile of the AWS shared config file (AWS_CONFIG_FILE, default ~/.aws/config) whose
	 * credential_process to run.
	 */
	private String profile;

	/**
	 * How long a run may take before the process and every process it started are killed.
	 */
	private Duration timeout = Duration.ofMinutes(1);

	/**
	 * Lifetime of credentials that carry no Expiration.
	 */
	private Duration duration = Duration.ofMinutes(15);

	/**
	 * Most bytes the process may write to stdout; past that it is killed.
	 */
	private DataSize maxBufferSize = DataSize.ofKilobytes(8);

	/**
	 * How long before the expiration to refresh the credentials, at most: see refresh-jitter.
	 */
	private Duration expiryWindow = Duration.ofMinutes(5);

	/**
	 * Share of the expiry window (0 to 1) that a random draw may take off the refresh lead, so that
	 * instances holding the same credentials do not all refresh in the same second. With 0.6 and a
	 * 5m window, each refresh falls due at random between 5 and 2 minutes before the expiration; 0
	 * refreshes exactly expiry-window ahead.
	 */
	private double refreshJitter = 0.6;

	/**
	 * Shortest time between the end of a run and a manual refresh (the actuator endpoint's POST,
	 * CredentialProcessProvider.refresh()) that runs the process again; a manual refresh asked for
	 * sooner returns the last run's outcome. 0 sets no minimum (the back-off after a failure still
	 * applies).
	 */
	private Duration minRefreshInterval = Duration.ofSeconds(5);

	/**
	 * Back-off of the retries after a failed refresh.
	 */
	private final Retry retry = new Retry();

	/**
	 * Environment variables added to the environment the process inherits.
	 */
	private Map<String, String> environment = new LinkedHashMap<>();

	/**
	 * Directory the process runs in. Defaults to the application's working directory.
	 */
	private Path workingDirectory;

	/**
	 * Whether to run the process during startup and refuse to start when that run fails.
	 */
	private boolean failFast;

	public String getCommand() {
		return this.command;
	}

	public void setCommand(String command) {
		this.command = command;
	}

	public List<String> getArgv() {
		return this.argv;
	}

	public void setArgv(List<String> argv) {
		this.argv = argv;
	}

	public String getProfile() {
		return this.profile;
	}

	public void setProfile(String profile) {
		this.profile = profile;
	}

	public Duration getTimeout() {
		return this.timeout;
	}

	public void setTimeout(Duration timeout) {
		this.timeout = timeout;
	}

	public Duration getDuration() {
		return this.duration;
	}

	public void setDuration(Duration duration) {
		this.duration = duration;
	}

	public DataSize getMaxBufferSize() {
		return this.maxBufferSize;
	}

	public void setMaxBufferSize(DataSize maxBufferSize) {
		this.maxBufferSize = maxBufferSize;
	}

	public Duration getExpiryWindow() {
		return this.expiryWindow;
	}

	public void setExpiryWindow(Duration expiryWindow) {
		this.expiryWindow = expiryWindow;
	}

	public double getRefreshJitter() {
		return this.refreshJitter;
	}

	public void setRefreshJitter(double refreshJitter) {
		this.refreshJitter = refreshJitter;
	}

	public Duration getMinRefreshInterval() {
		return this.minRefreshInterval;
	}

	public void setMinRefreshInterval(Duration minRefreshInterval) {
		this.minRefreshInterval = minRefreshInterval;
	}

	public Retry getRetry() {
		return this.retry;
	}

	public Map<String, String> getEnvironment() {
		return this.environment;
	}

	public void setEnvironment(Map<String, String> environment) {
		this.environment = environment;
	}

	public Path getWorkingDirectory() {
		return this.workingDirectory;
	}

	public void setWorkingDirectory(Path workingDirectory) {
		this.workingDirectory = workingDirectory;
	}

	public boolean isFailFast() {
		return this.failFast;
	}

	public void setFailFast(boolean failFast) {
		this.failFast = failFast;
	}

	/**
	 * Back-off of the retries after a failed refresh: the first waits initial-delay, each further
	 * failure in a row doubles the wait up to max-delay, and each wait is shortened by up to 20% at
	 * random.
	 */
	public static class Retry {

		/**
		 * Wait before the first retry of a failed refresh.
		 */
		private Duration initialDelay = Duration.ofSeconds(1);

		/**
		 * Longest wait between two retries of a failed refresh.
		 */
		private Duration maxDelay = Duration.ofSeconds(30);

		public Duration getInitialDelay() {
			return this.initialDelay;
		}

		public void setInitialDelay(Duration initialDelay) {
			this.initialDelay = initialDelay;
		}

		public Duration getMaxDelay() {
			return this.maxDelay;
		}

		public void setMaxDelay(Duration maxDelay) {
			this.maxDelay = maxDelay;
		}

	}

}
