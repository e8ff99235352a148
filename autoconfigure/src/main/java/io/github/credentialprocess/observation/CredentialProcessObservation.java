package io.github.credentialprocess.observation;

import java.util.function.Supplier;

import io.github.credentialprocess.CredentialProcessException;
import io.github.credentialprocess.CredentialProcessListener;
import io.github.credentialprocess.autoconfigure.ProviderName;
import io.github.credentialprocess.autoconfigure.ProviderScopedListener;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Observes every process run of a {@link io.github.credentialprocess.CredentialProcessProvider}
 * through the Micrometer Observation API: one observation per run, opened in scope on the thread
 * that runs the process (so a tracing span is current while it runs, and log lines carry its ids)
 * and stopped when it ends. With Micrometer's meter handler it becomes the timer
 * {@value DefaultCredentialProcessObservationConvention#NAME}; with a tracer, a span.
 * <p>
 * A failed run is given its {@link CredentialProcessException} as the observation's error; a
 * cancelled run (the provider stopped or closed) is not an error. A run this listener did not see
 * start (one made before the application context existed, replayed to it later) is not observed:
 * its timing would be false.
 */
public class CredentialProcessObservation implements ProviderScopedListener {

	private static final Logger logger = LoggerFactory.getLogger(CredentialProcessObservation.class);

	private static final DefaultCredentialProcessObservationConvention DEFAULT_CONVENTION =
			new DefaultCredentialProcessObservationConvention();

	private final Supplier<ObservationRegistry> registry;

	private final CredentialProcessObservationConvention customConvention;

	private final String provider;

	/**
	 * The run in progress on each thread. Start and end of a run are heard on the thread that runs
	 * it, and a thread runs one process at a time.
	 */
	private final ThreadLocal<Observation.Scope> current = new ThreadLocal<>();

	/** The registry once found: looked up once, never again while the context shuts down. */
	private volatile ObservationRegistry found;

	/**
	 * Creates the listener.
	 * @param registry where to observe; looked up on the first run, so that the registry and the
	 * provider this listener hears can be created in any order
	 * @param customConvention replaces the default convention, or {@code null}
	 */
	public CredentialProcessObservation(Supplier<ObservationRegistry> registry,
			CredentialProcessObservationConvention customConvention) {
		this(registry, customConvention, ProviderName.DEFAULT);
	}

	private CredentialProcessObservation(Supplier<ObservationRegistry> registry,
			CredentialProcessObservationConvention customConvention, String provider) {
		this.registry = registry;
		this.customConvention = customConvention;
		this.provider = provider;
	}

	@Override
	public CredentialProcessListener forProvider(String name) {
		return new CredentialProcessObservation(this.registry, this.customConvention, name);
	}

	@Override
	public void onRunStarted(Trigger trigger) {
		endLeftOver();
		Observation observation = Observation
			.createNotStarted(this.customConvention, DEFAULT_CONVENTION, () -> new CredentialProcessRunContext(trigger, this.provider),
					registry())
			.start();
		this.current.set(observation.openScope());
	}

	@Override
	public void onRunFailed(CredentialProcessException failure) {
		Observation.Scope scope = this.current.get();
		if (scope != null) {
			scope.getCurrentObservation().error(failure);
		}
	}

	@Override
	public void onRunFinished(Run run) {
		Observation.Scope scope = this.current.get();
		if (scope == null) {
			return;
		}
		this.current.remove();
		Observation observation = scope.getCurrentObservation();
		if (observation.getContext() instanceof CredentialProcessRunContext context) {
			context.setRun(run);
		}
		scope.close();
		observation.stop();
	}

	/** A run whose end was never heard (it threw something unexpected): its scope must not linger. */
	private void endLeftOver() {
		Observation.Scope leftOver = this.current.get();
		if (leftOver != null) {
			this.current.remove();
			leftOver.close();
			leftOver.getCurrentObservation().stop();
		}
	}

	private ObservationRegistry registry() {
		ObservationRegistry observationRegistry = this.found;
		if (observationRegistry == null) {
			try {
				observationRegistry = this.registry.get();
			}
			catch (RuntimeException ex) {
				logger.debug("No observation registry to observe the credential process run in ({})",
						ex.getClass().getName());
				return ObservationRegistry.NOOP;
			}
			observationRegistry = (observationRegistry != null) ? observationRegistry : ObservationRegistry.NOOP;
			this.found = observationRegistry;
		}
		return observationRegistry;
	}

}
