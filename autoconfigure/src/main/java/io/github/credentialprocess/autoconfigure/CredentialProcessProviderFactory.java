package io.github.credentialprocess.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import io.github.credentialprocess.CredentialProcessException;
import io.github.credentialprocess.CredentialProcessListener;
import io.github.credentialprocess.CredentialProcessProvider;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

/**
 * Checks {@link CredentialProcessProperties} and builds the provider from them. Every mistake is
 * reported with the property to change, before any process runs. Public for this starter's own
 * integrations (the Spring Cloud AWS config import builds its provider here too, so that it fails
 * with the same messages); applications inject the provider bean instead.
 */
public final class CredentialProcessProviderFactory {

	/** Smaller than any credential_process JSON can be. */
	static final DataSize MIN_BUFFER_SIZE = DataSize.ofBytes(64);

	private static final String PREFIX = OnCredentialProcessSourceCondition.PREFIX;

	private static final Logger logger = LoggerFactory.getLogger(CredentialProcessProviderFactory.class);

	/** The whole units a duration in a message is written in, the largest first (zero as 0s). */
	private static final long[] WRITTEN_UNIT_SECONDS = { 86_400, 3_600, 60, 1 };

	private static final String[] WRITTEN_UNIT_SUFFIXES = { "d", "h", "m", "s" };

	private CredentialProcessProviderFactory() {
	}

	/**
	 * Binds {@code aws.credential-process.*} when it is enabled and configures a provider: the
	 * default one names a source ({@code command}, {@code argv} or {@code profile}; an empty value
	 * means "not set", a value of spaces is a mistake to report), or one is named under
	 * {@code providers}.
	 * @param binder the binder to read the properties from
	 * @return the properties, or empty when the starter has nothing to do
	 */
	public static Optional<CredentialProcessProperties> bindIfConfigured(Binder binder) {
		CredentialProcessProperties properties = binder
			.bind(PREFIX.substring(0, PREFIX.length() - 1), Bindable.of(CredentialProcessProperties.class))
			.orElseGet(CredentialProcessProperties::new);
		return (properties.isEnabled() && (namesASource(properties) || !properties.getProviders().isEmpty()))
				? Optional.of(properties) : Optional.empty();
	}

	/**
	 * Checks the properties and builds the provider.
	 * @param properties the properties
	 * @param listeners the listeners to give the provider
	 * @return the provider; no process has run
	 * @throws RuntimeException a configuration error whose failure analysis names the property
	 * and the fix
	 */
	public static CredentialProcessProvider create(CredentialProcessProperties properties,
			List<CredentialProcessListener> listeners) {
		return create(ProviderName.DEFAULT, properties, listeners);
	}

	/**
	 * Checks the settings of one provider, the default or a named one, and builds it. Messages name
	 * the provider's own properties, such as {@code aws.credential-process.providers.billing.timeout}.
	 * @param name the provider's name, {@value ProviderName#DEFAULT} for the default provider
	 * @param properties the provider's settings
	 * @param listeners the listeners to give the provider
	 * @return the provider; no process has run
	 * @throws RuntimeException a configuration error whose failure analysis names the property
	 * and the fix
	 */
	public static CredentialProcessProvider create(String name, ProviderProperties properties,
			List<CredentialProcessListener> listeners) {
		String prefix = ProviderName.prefix(name);
		CredentialProcessProvider.Builder builder = CredentialProcessProvider.builder();
		source(prefix, properties, builder);
		builder.timeout(positive(properties.getTimeout(), prefix, "timeout"))
			.duration(positive(properties.getDuration(), prefix, "duration"))
			.maxBufferSize(bufferSize(properties.getMaxBufferSize(), prefix))
			.expiryWindow(notNegative(properties.getExpiryWindow(), prefix, "expiry-window"))
			.refreshJitter(jitter(properties.getRefreshJitter(), prefix))
			.retryInitialDelay(positive(properties.getRetry().getInitialDelay(), prefix, "retry.initial-delay"))
			.retryMaxDelay(retryMaxDelay(properties.getRetry(), prefix))
			.minRefreshInterval(notNegative(properties.getMinRefreshInterval(), prefix, "min-refresh-interval"))
			.environment(properties.getEnvironment())
			.workingDirectory(properties.getWorkingDirectory());
		listeners.forEach(builder::listener);
		if (!ProviderName.DEFAULT.equals(name)) {
			// The engine's startup line and writable-file warnings do not know the provider's name.
			logger.info("Credential process provider '{}' ({}*) is built; its startup line and any warning "
					+ "about files others could write follow", name, prefix);
		}
		try {
			return builder.build();
		}
		catch (IllegalStateException ex) {
			throw new CredentialProcessConfigurationException(ex.getMessage(),
					"Fix the AWS config file, or set " + prefix + "profile to a profile that has a credential_process.",
					ex);
		}
	}

	/**
	 * Runs the process once and waits for it, for {@code fail-fast}.
	 */
	static void requireFirstRunToSucceed(CredentialProcessProvider provider, String name) {
		String prefix = ProviderName.prefix(name);
		try {
			provider.prefetch().join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof CredentialProcessException failure) {
				throw new CredentialProcessConfigurationException(
						"The credential process" + (ProviderName.DEFAULT.equals(name) ? "" : " of provider '" + name + "'")
								+ " failed during startup with error code " + failure.code() + ": "
								+ failure.getMessage(),
						"Fix the credential process (see 'Troubleshooting' in the README for " + failure.code()
								+ "), or set " + prefix + "fail-fast=false to start anyway and retry when credentials are needed.",
						failure);
			}
			throw ex;
		}
	}

	/**
	 * Whether a source property is set: an empty value is not, so that a later configuration layer
	 * (an {@code ./config/application.yml} over the jar's) can switch from one source to another.
	 */
	static boolean isSet(String value) {
		return value != null && !value.isEmpty();
	}

	static boolean isSet(List<String> argv) {
		return argv.stream().anyMatch(CredentialProcessProviderFactory::isSet);
	}

	/**
	 * Whether a provider names a source: {@code command}, {@code argv} or {@code profile}, not empty.
	 * @param properties the provider's settings
	 * @return whether the provider is configured
	 */
	public static boolean namesASource(ProviderProperties properties) {
		return isSet(properties.getCommand()) || isSet(properties.getArgv()) || isSet(properties.getProfile());
	}

	private static void source(String prefix, ProviderProperties properties, CredentialProcessProvider.Builder builder) {
		List<String> set = new ArrayList<>();
		if (isSet(properties.getCommand())) {
			set.add(prefix + "command");
		}
		if (isSet(properties.getArgv())) {
			set.add(prefix + "argv");
		}
		if (isSet(properties.getProfile())) {
			set.add(prefix + "profile");
		}
		if (set.isEmpty() && !PREFIX.equals(prefix)) {
			// The default provider exists only when it names a source; a named one exists once it has a key.
			throw invalid(prefix + "command, argv and profile are all unset or empty, so the provider has no source.",
					"Set one of " + prefix + "command, argv or profile, or remove the provider.");
		}
		if (set.size() > 1) {
			throw invalid("Only one of " + prefix + "command, argv and profile may be set, but " + String.join(" and ", set)
					+ " are.", "Keep the one you mean and remove the others.");
		}
		if (isSet(properties.getCommand())) {
			requireText(properties.getCommand(), prefix, "command",
					"the command line of the program that prints the credential_process JSON");
			builder.command(properties.getCommand());
		}
		else if (isSet(properties.getArgv())) {
			requireText(properties.getArgv().get(0), prefix, "argv[0]", "the program that prints the credential_process JSON");
			builder.command(properties.getArgv());
		}
		else {
			requireText(properties.getProfile(), prefix, "profile", "a profile name of the AWS config file");
			builder.profile(properties.getProfile());
		}
	}

	private static void requireText(String value, String prefix, String property, String expected) {
		if (!StringUtils.hasText(value)) {
			throw invalid(prefix + property + " is blank.", "Set " + prefix + property + " to " + expected + ".");
		}
	}

	private static java.time.Duration positive(java.time.Duration value, String prefix, String property) {
		if (value == null || value.isZero() || value.isNegative()) {
			throw invalid(prefix + property + " is " + written(value) + ", but it must be positive.",
					"Set " + prefix + property + " to a positive duration such as 30s or 2m, or remove it to use the default.");
		}
		return atMostAYear(value, prefix, property);
	}

	private static java.time.Duration notNegative(java.time.Duration value, String prefix, String property) {
		if (value == null || value.isNegative()) {
			throw invalid(prefix + property + " is " + written(value) + ", but it must not be negative.",
					"Set " + prefix + property + " to zero or a positive duration such as 5m, or remove it to use the default.");
		}
		return atMostAYear(value, prefix, property);
	}

	private static java.time.Duration atMostAYear(java.time.Duration value, String prefix, String property) {
		java.time.Duration max = CredentialProcessProvider.MAX_DURATION;
		if (value.compareTo(max) > 0) {
			throw invalid(prefix + property + " is " + written(value) + ", but it must be at most " + written(max) + ".",
					"Set " + prefix + property + " to " + written(max) + " or less, or remove it to use the default.");
		}
		return value;
	}

	private static double jitter(double value, String prefix) {
		if (!(value >= 0 && value <= 1)) {
			throw invalid(prefix + "refresh-jitter is " + value + ", but it must be between 0 and 1.",
					"Set " + prefix + "refresh-jitter to a share of the expiry window such as 0.6 (the default), "
							+ "or 0 to refresh exactly expiry-window ahead.");
		}
		return value;
	}

	private static java.time.Duration retryMaxDelay(ProviderProperties.Retry retry, String prefix) {
		java.time.Duration max = positive(retry.getMaxDelay(), prefix, "retry.max-delay");
		if (retry.getInitialDelay() != null && max.compareTo(retry.getInitialDelay()) < 0) {
			throw invalid(prefix + "retry.max-delay (" + written(max) + ") is shorter than " + prefix
					+ "retry.initial-delay (" + written(retry.getInitialDelay()) + ").",
					"Set " + prefix + "retry.max-delay to at least " + prefix + "retry.initial-delay, or remove both to "
							+ "use the defaults (1s and 30s).");
		}
		return max;
	}

	private static int bufferSize(DataSize value, String prefix) {
		if (value == null || value.compareTo(MIN_BUFFER_SIZE) < 0 || value.toBytes() > Integer.MAX_VALUE) {
			throw invalid(prefix + "max-buffer-size is " + value + ", but it must be between 64B and 2GB.",
					"Set " + prefix + "max-buffer-size to at least 64B (the default 8KB fits any credential_process JSON).");
		}
		return (int) value.toBytes();
	}

	/**
	 * A duration as a property is written ({@code 30s}, {@code -5s}, {@code 1500ms}), in the largest
	 * unit that holds it exactly, not as {@code PT30S}; past what a long of nanoseconds holds, as
	 * ISO-8601 after all.
	 */
	static String written(java.time.Duration value) {
		if (value == null) {
			return "empty";
		}
		try {
			return writtenExactly(value);
		}
		catch (ArithmeticException ex) {
			return value.toString();
		}
	}

	private static String writtenExactly(java.time.Duration value) {
		if (value.isZero()) {
			return "0s";
		}
		if (value.isNegative()) {
			return "-" + writtenExactly(value.negated());
		}
		long seconds = value.getSeconds();
		int nanos = value.getNano();
		if (nanos == 0) {
			for (int i = 0; i < WRITTEN_UNIT_SECONDS.length; i++) {
				if (seconds % WRITTEN_UNIT_SECONDS[i] == 0) {
					return (seconds / WRITTEN_UNIT_SECONDS[i]) + WRITTEN_UNIT_SUFFIXES[i];
				}
			}
		}
		if (nanos % 1_000_000 == 0) {
			return Math.addExact(Math.multiplyExact(seconds, 1_000L), nanos / 1_000_000) + "ms";
		}
		return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos) + "ns";
	}

	private static CredentialProcessConfigurationException invalid(String description, String action) {
		return new CredentialProcessConfigurationException("Invalid credential process configuration: " + description,
				action);
	}

}
