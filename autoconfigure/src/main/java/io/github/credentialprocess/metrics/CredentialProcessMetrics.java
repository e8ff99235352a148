package io.github.credentialprocess.metrics;

import java.util.function.Supplier;

import io.github.credentialprocess.CredentialProcessListener;
import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.autoconfigure.ProviderName;
import io.github.credentialprocess.autoconfigure.ProviderScopedListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the failed process runs of a {@link CredentialProcessProvider} in Micrometer: counter
 * {@value #FAILURE_COUNTER}, one per failed run; a run cut short by a stop or close is cancelled, not
 * failed, and not counted. Tagged {@code provider}: {@code default} or the provider's name. Every run is timed by its observation instead
 * ({@code io.github.credentialprocess.observation.CredentialProcessObservation}), which Micrometer
 * turns into the timer {@value #RUN_TIMER}.
 */
public class CredentialProcessMetrics implements ProviderScopedListener {

	/**
	 * Name of the timer of process runs, made by Micrometer from each run's observation, tagged
	 * {@code outcome}, {@code trigger}, {@code error.code} and Micrometer's own {@code error}.
	 */
	// The observation's name (DefaultCredentialProcessObservationConvention.NAME); this package does
	// not depend on the observation package, so that either can go without the other.
	public static final String RUN_TIMER = "aws.credential.process";

	/** Name of the counter of failed runs. */
	public static final String FAILURE_COUNTER = "aws.credential.process.refresh.failures";

	private static final Logger logger = LoggerFactory.getLogger(CredentialProcessMetrics.class);

	private final Supplier<MeterRegistry> registry;

	private final String provider;

	/** The registry once found: looked up once, never again while the context shuts down. */
	private volatile MeterRegistry found;

	/**
	 * Creates the listener.
	 * @param registry where to record; looked up on the first event, so that the registry and the
	 * provider that feeds this listener can be created in any order
	 */
	public CredentialProcessMetrics(Supplier<MeterRegistry> registry) {
		this(registry, ProviderName.DEFAULT);
	}

	private CredentialProcessMetrics(Supplier<MeterRegistry> registry, String provider) {
		this.registry = registry;
		this.provider = provider;
	}

	@Override
	public CredentialProcessListener forProvider(String name) {
		return new CredentialProcessMetrics(this.registry, name);
	}

	@Override
	public void onRunFinished(Run run) {
		if (run.succeeded() || run.cancelled()) {
			return;
		}
		MeterRegistry meterRegistry = registry();
		if (meterRegistry != null) {
			Counter.builder(FAILURE_COUNTER)
				.description("Failed runs of the AWS credential process")
				.tag(CredentialProcessExpiryMeterBinder.PROVIDER_TAG, this.provider)
				.register(meterRegistry)
				.increment();
		}
	}

	/**
	 * Finds the registry on first use and keeps it. Called once more when the context that owns it
	 * is closing (a run cut short by the close), a lookup would fail: the run then goes unrecorded,
	 * quietly.
	 */
	MeterRegistry registry() {
		MeterRegistry meterRegistry = this.found;
		if (meterRegistry == null) {
			try {
				meterRegistry = this.registry.get();
			}
			catch (RuntimeException ex) {
				logger.debug("No meter registry to record the credential process run in ({})", ex.getClass().getName());
				return null;
			}
			this.found = meterRegistry;
		}
		return meterRegistry;
	}

}
