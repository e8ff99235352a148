package io.github.credentialprocess.observation;

import java.util.Objects;
import java.util.Optional;

import io.github.credentialprocess.CredentialProcessListener.Run;
import io.github.credentialprocess.CredentialProcessListener.Trigger;
import io.github.credentialprocess.autoconfigure.ProviderName;
import io.micrometer.observation.Observation;

/**
 * The context of the observation of one process run: why it started and, once it has finished,
 * what happened. Holds no secret and not the command line.
 */
public class CredentialProcessRunContext extends Observation.Context {

	private final Trigger trigger;

	private final String provider;

	private volatile Run run;

	/**
	 * Creates the context of a run of the default provider that is about to start.
	 * @param trigger why it runs
	 */
	public CredentialProcessRunContext(Trigger trigger) {
		this(trigger, ProviderName.DEFAULT);
	}

	/**
	 * Creates the context of a run that is about to start.
	 * @param trigger why it runs
	 * @param provider the provider's name: {@code default} or the name under
	 * {@code aws.credential-process.providers}
	 */
	public CredentialProcessRunContext(Trigger trigger, String provider) {
		this.trigger = Objects.requireNonNull(trigger, "trigger");
		this.provider = Objects.requireNonNull(provider, "provider");
	}

	/**
	 * The name of the provider that runs: {@code default} or the name under
	 * {@code aws.credential-process.providers}.
	 * @return the provider's name
	 */
	public String getProvider() {
		return this.provider;
	}

	/**
	 * Why the run started.
	 * @return the trigger
	 */
	public Trigger getTrigger() {
		return this.trigger;
	}

	/**
	 * What happened, once the run has finished.
	 * @return the finished run, or empty while it runs
	 */
	public Optional<Run> getRun() {
		return Optional.ofNullable(this.run);
	}

	void setRun(Run run) {
		this.run = run;
	}

}
