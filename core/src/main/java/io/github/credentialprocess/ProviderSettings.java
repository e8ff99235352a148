package io.github.credentialprocess;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.random.RandomGenerator;

/**
 * Everything a {@link CredentialProcessProvider.Builder} is told, each value checked as it is set,
 * and what they make together: where the credentials come from ({@link #source()}), and the
 * timing policy.
 */
final class ProviderSettings {

	ProcessCommand command;

	boolean useProfile;

	String profile;

	Path configFile;

	Duration timeout = CredentialProcessProvider.DEFAULT_TIMEOUT;

	Duration duration = CredentialProcessProvider.DEFAULT_DURATION;

	int maxBufferSize = CredentialProcessProvider.DEFAULT_MAX_BUFFER_SIZE;

	Duration expiryWindow = CredentialProcessProvider.DEFAULT_EXPIRY_WINDOW;

	double refreshJitter = RefreshPolicy.DEFAULT_REFRESH_JITTER;

	Duration retryInitialDelay = RefreshPolicy.DEFAULT_RETRY_INITIAL_DELAY;

	Duration retryMaxDelay = RefreshPolicy.DEFAULT_RETRY_MAX_DELAY;

	Duration minRefreshInterval = CredentialProcessProvider.DEFAULT_MIN_REFRESH_INTERVAL;

	RandomGenerator random = new Random();

	final Map<String, String> environment = new LinkedHashMap<>();

	Path workingDirectory;

	Clock clock = Clock.systemUTC();

	final List<CredentialProcessListener> listeners = new ArrayList<>();

	void shellCommand(String commandLine) {
		this.command = ProcessCommand.shell(commandLine);
		this.useProfile = false;
	}

	void argv(List<String> argv) {
		this.command = ProcessCommand.direct(argv);
		this.useProfile = false;
	}

	void profile(String profile) {
		this.profile = profile;
		this.useProfile = true;
		this.command = null;
	}

	void timeout(Duration timeout) {
		this.timeout = requirePositive(timeout, "timeout");
	}

	void duration(Duration duration) {
		this.duration = requirePositive(duration, "duration");
	}

	void maxBufferSize(int maxBufferSize) {
		if (maxBufferSize <= 0) {
			throw new IllegalArgumentException("maxBufferSize must be positive, was " + maxBufferSize);
		}
		this.maxBufferSize = maxBufferSize;
	}

	void expiryWindow(Duration expiryWindow) {
		this.expiryWindow = requireNotNegative(expiryWindow, "expiryWindow");
	}

	void refreshJitter(double refreshJitter) {
		if (!(refreshJitter >= 0 && refreshJitter <= 1)) {
			throw new IllegalArgumentException("refreshJitter must be between 0 and 1, was " + refreshJitter);
		}
		this.refreshJitter = refreshJitter;
	}

	void retryInitialDelay(Duration retryInitialDelay) {
		this.retryInitialDelay = requirePositive(retryInitialDelay, "retryInitialDelay");
	}

	void retryMaxDelay(Duration retryMaxDelay) {
		this.retryMaxDelay = requirePositive(retryMaxDelay, "retryMaxDelay");
	}

	void minRefreshInterval(Duration minRefreshInterval) {
		this.minRefreshInterval = requireNotNegative(minRefreshInterval, "minRefreshInterval");
	}

	void random(RandomGenerator random) {
		this.random = Objects.requireNonNull(random, "random");
	}

	void clock(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	void listener(CredentialProcessListener listener) {
		this.listeners.add(Objects.requireNonNull(listener, "listener"));
	}

	/** The timing policy these settings make. */
	RefreshPolicy policy() {
		return new RefreshPolicy(this.duration, this.expiryWindow, this.refreshJitter, this.retryInitialDelay,
				this.retryMaxDelay, this.random);
	}

	/**
	 * Where the credentials come from, once every setting is known.
	 * @throws IllegalStateException when no command or profile is set, or the profile cannot be read
	 * @throws IllegalArgumentException when the retry delays contradict each other
	 */
	Source source() {
		if (this.retryMaxDelay.compareTo(this.retryInitialDelay) < 0) {
			throw new IllegalArgumentException("retryMaxDelay (" + Durations.format(this.retryMaxDelay)
					+ ") must not be shorter than retryInitialDelay (" + Durations.format(this.retryInitialDelay) + ")");
		}
		if (this.useProfile) {
			requireProfileSupport();
			SharedConfigFile.ProfileSource source = SharedConfigFile.read(this.profile, this.configFile,
					this.clock.instant());
			return new Source(source.command(), source.staticCredentials());
		}
		if (this.command == null) {
			throw new IllegalStateException(
					"No credential process is set; call command(...) or profile(...) before build()");
		}
		return new Source(this.command, null);
	}

	/**
	 * Where the credentials come from: a command to run, or (a profile's) static keys.
	 * @param command the command, or {@code null}
	 * @param staticCredentials the keys, when there is no command
	 */
	record Source(ProcessCommand command, ProcessCredentials staticCredentials) {
	}

	private static void requireProfileSupport() {
		try {
			Class.forName("software.amazon.awssdk.profiles.ProfileFile", false, ProviderSettings.class.getClassLoader());
		}
		catch (ClassNotFoundException ex) {
			throw new IllegalStateException("Reading credential_process from an AWS profile needs the AWS SDK's "
					+ "profile parser; add the dependency software.amazon.awssdk:profiles");
		}
	}

	private static Duration requirePositive(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + Durations.format(value));
		}
		return requireAtMostAYear(value, name);
	}

	private static Duration requireNotNegative(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative, was " + Durations.format(value));
		}
		return requireAtMostAYear(value, name);
	}

	/**
	 * Every duration setting is bounded, so that the clocks' arithmetic on it (nanoseconds, and
	 * milliseconds since the epoch) cannot overflow: a longer one would fail with "long overflow" at
	 * the first run, or wrap around.
	 */
	private static Duration requireAtMostAYear(Duration value, String name) {
		Duration max = CredentialProcessProvider.MAX_DURATION;
		if (value.compareTo(max) > 0) {
			throw new IllegalArgumentException(
					name + " must be at most " + Durations.format(max) + ", was " + Durations.format(value));
		}
		return value;
	}

}
