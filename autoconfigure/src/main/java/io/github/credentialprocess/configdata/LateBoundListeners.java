package io.github.credentialprocess.configdata;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import io.github.credentialprocess.CredentialProcessException;
import io.github.credentialprocess.CredentialProcessListener;

/**
 * The listener of a provider built in the bootstrap phase, before any listener bean exists: it
 * keeps the events it hears until the application context has created its beans, then passes them,
 * and every later one, to the context's {@link CredentialProcessListener} beans (metrics,
 * observations), as the auto-configuration does for a provider it builds itself. The start of a run
 * is not kept: the listeners hear such a run only as finished (and failed), so none of them times it
 * from the replay.
 */
final class LateBoundListeners implements CredentialProcessListener {

	/** Enough for the runs of an application's startup; later events are passed on, not kept. */
	private static final int MAX_KEPT_EVENTS = 32;

	private final List<Consumer<CredentialProcessListener>> kept = new ArrayList<>();

	private volatile List<CredentialProcessListener> delegates;

	/**
	 * Passes the kept events to the provider's listeners, and every later event as it comes.
	 * @param found the provider's listeners, from the application context
	 */
	void bind(List<CredentialProcessListener> found) {
		synchronized (this.kept) {
			this.kept.forEach((event) -> found.forEach(event));
			this.kept.clear();
			this.delegates = found;
		}
	}

	@Override
	public void onRunStarted(Trigger trigger) {
		// Not kept for later: a start passed on after the fact would let a listener time the run
		// from the replay (an observation of a few microseconds). Kept events tell what happened.
		List<CredentialProcessListener> current = this.delegates;
		if (current != null) {
			current.forEach((listener) -> listener.onRunStarted(trigger));
		}
	}

	@Override
	public void onRunFailed(CredentialProcessException failure) {
		pass((listener) -> listener.onRunFailed(failure));
	}

	@Override
	public void onRunFinished(Run run) {
		pass((listener) -> listener.onRunFinished(run));
	}

	@Override
	public void onRefreshScheduled(Instant at) {
		pass((listener) -> listener.onRefreshScheduled(at));
	}

	@Override
	public void onRefreshFailed(CredentialProcessException failure, int consecutiveFailures,
			Optional<Instant> nextAttempt) {
		pass((listener) -> listener.onRefreshFailed(failure, consecutiveFailures, nextAttempt));
	}

	private void pass(Consumer<CredentialProcessListener> event) {
		List<CredentialProcessListener> current = this.delegates;
		if (current == null) {
			synchronized (this.kept) {
				current = this.delegates;
				if (current == null) {
					if (this.kept.size() < MAX_KEPT_EVENTS) {
						this.kept.add(event);
					}
					return;
				}
			}
		}
		current.forEach(event);
	}

}
