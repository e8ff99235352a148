package io.github.credentialprocess.metrics;

import java.util.function.Supplier;

import io.github.credentialprocess.CredentialProcessListener;
import io.github.credentialprocess.CredentialProcessProvider;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the failed process runs of a {@link CredentialProcessProvider} in Micrometer: counter
 * {@value #FAILURE_COUNTER}, one per failed run; a run cut short by a stop or close is cancelled, not
 * failed, and not counted. Every run is timed by its observation instead
 * ({@code io.github.credentialprocess.observation.CredentialProcessObservation}), which Micrometer
 * turns into the timer {@value #RUN_TIMER}. As a {@link MeterBinder} it registers the counter at 0
 * when the registry is bound, so that an alert on it has a series from the start.
 */
public class CredentialProcessMetrics implements CredentialProcessListener, MeterBinder {

	/**
	 * Name of the timer of process runs, made by Micrometer from each run's observation, tagged
	 * {@code outcome}, {@code trigger}, {@code error.code} and Micrometer's own {@code error}.
	 */
	// The observation's name (DefaultCredentialProcessObservationConvention.NAME); this package does
	// not depend on the observation package, so that either can go without the other.
	public static final String RUN_TIMER = "aws.credential.process";

	/** Name of the counter of failed runs. */
	public static final String FAILURE_COUNTER = "aws.credential.process.refresh.failures";

	/** Name of the long-task timer of runs in progress, made by Micrometer from each run's observation. */
	public static final String ACTIVE_RUNS = RUN_TIMER + ".active";

	static final String FAILURE_COUNTER_DESCRIPTION = "Failed runs of the AWS credential process (cancelled runs not counted)";

	private static final Logger logger = LoggerFactory.getLogger(CredentialProcessMetrics.class);

	private final Supplier<MeterRegistry> registry;

	/** The registry once found: looked up once, never again while the context shuts down. */
	private volatile MeterRegistry found;

	/**
	 * Creates the listener.
	 * @param registry where to record; looked up on the first event, so that the registry and the
	 * provider that feeds this listener can be created in any order
	 */
	public CredentialProcessMetrics(Supplier<MeterRegistry> registry) {
		this.registry = registry;
	}

	/**
	 * Registers the failure counter at 0.
	 * @param registry the registry to bind to
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		failureCounter(registry);
	}

	@Override
	public void onRunFinished(Run run) {
		if (run.succeeded() || run.cancelled()) {
			return;
		}
		MeterRegistry meterRegistry = registry();
		if (meterRegistry != null) {
			failureCounter(meterRegistry).increment();
		}
	}

	private static Counter failureCounter(MeterRegistry registry) {
		return Counter.builder(FAILURE_COUNTER).description(FAILURE_COUNTER_DESCRIPTION).register(registry);
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
