package io.github.credentialprocess.metrics;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import io.github.credentialprocess.CredentialProcessListener;
import io.github.credentialprocess.CredentialProcessProvider;
import io.github.credentialprocess.autoconfigure.ProviderName;
import io.github.credentialprocess.autoconfigure.ProviderScopedListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts the failed process runs of a {@link CredentialProcessProvider} in Micrometer: counter
 * {@value #FAILURE_COUNTER}, one per failed run; a run cut short by a stop or close is cancelled, not
 * failed, and not counted. Tagged {@code provider}: {@code default} or the provider's name. Every run
 * is timed by its observation instead
 * ({@code io.github.credentialprocess.observation.CredentialProcessObservation}), which Micrometer
 * turns into the timer {@value #RUN_TIMER}. As a {@link MeterBinder} it registers the counter at 0
 * for every provider it listens to, when the registry is bound (or when the provider comes later),
 * so that an alert on it has a series from the start.
 */
public class CredentialProcessMetrics implements ProviderScopedListener, MeterBinder {

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

	private final String provider;

	/** The providers this listener was scoped to, shared by all its scoped copies. */
	private final Providers providers;

	/** The registry once found: looked up once, never again while the context shuts down. */
	private volatile MeterRegistry found;

	/**
	 * Creates the listener.
	 * @param registry where to record; looked up on the first event, so that the registry and the
	 * provider that feeds this listener can be created in any order
	 */
	public CredentialProcessMetrics(Supplier<MeterRegistry> registry) {
		this(registry, ProviderName.DEFAULT, new Providers());
	}

	private CredentialProcessMetrics(Supplier<MeterRegistry> registry, String provider, Providers providers) {
		this.registry = registry;
		this.provider = provider;
		this.providers = providers;
	}

	@Override
	public CredentialProcessListener forProvider(String name) {
		this.providers.add(name);
		return new CredentialProcessMetrics(this.registry, name, this.providers);
	}

	/**
	 * Registers the failure counter at 0 for each provider this listener was scoped to, and for each
	 * one scoped to it later.
	 * @param registry the registry to bind to
	 */
	@Override
	public void bindTo(MeterRegistry registry) {
		this.providers.bindTo(registry);
	}

	@Override
	public void onRunFinished(Run run) {
		if (run.succeeded() || run.cancelled()) {
			return;
		}
		MeterRegistry meterRegistry = registry();
		if (meterRegistry != null) {
			failureCounter(meterRegistry, this.provider).increment();
		}
	}

	private static Counter failureCounter(MeterRegistry registry, String provider) {
		return Counter.builder(FAILURE_COUNTER)
			.description(FAILURE_COUNTER_DESCRIPTION)
			.tag(CredentialProcessExpiryMeterBinder.PROVIDER_TAG, provider)
			.register(registry);
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

	/**
	 * The provider names and the registries bound so far: a provider scoped before the binding gets
	 * its counter then, one scoped after gets it at once.
	 */
	private static final class Providers {

		private final Set<String> names = new LinkedHashSet<>();

		private final List<MeterRegistry> registries = new ArrayList<>();

		synchronized void add(String name) {
			if (this.names.add(name)) {
				this.registries.forEach((registry) -> failureCounter(registry, name));
			}
		}

		synchronized void bindTo(MeterRegistry registry) {
			this.registries.add(registry);
			this.names.forEach((name) -> failureCounter(registry, name));
		}

	}

}
