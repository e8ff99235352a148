package io.github.credentialprocess.observation;

import java.util.Objects;
import java.util.Optional;

import io.github.credentialprocess.CredentialProcessListener.Run;
import io.github.credentialprocess.CredentialProcessListener.Trigger;
import io.micrometer.observation.Observation;

/**
 * The context of the observation of one process run: why it started and, once it has finished,
 * what happened. Holds no secret and not the command line.
 */
public class CredentialProcessRunContext extends Observation.Context {

	private final Trigger trigger;

	private volatile Run run;

	/**
	 * Creates the context of a run that is about to start.
	 * @param trigger why it runs
	 */
	public CredentialProcessRunContext(Trigger trigger) {
		this.trigger = Objects.requireNonNull(trigger, "trigger");
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
