package io.github.credentialprocess;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes each event to every registered listener; a listener that throws anything, an
 * {@link Error} included (a {@link NoClassDefFoundError} from a half-present optional dependency is
 * the usual one), is logged and skipped, so a broken metric or health hook never breaks
 * credentials.
 */
final class SafeListener implements CredentialProcessListener {

	private static final Logger logger = LoggerFactory.getLogger(CredentialProcessProvider.class);

	private final List<CredentialProcessListener> listeners;

	SafeListener(List<CredentialProcessListener> listeners) {
		this.listeners = listeners;
	}

	@Override
	public void onRunStarted(Trigger trigger) {
		forEach((listener) -> listener.onRunStarted(trigger));
	}

	@Override
	public void onRunFailed(CredentialProcessException failure) {
		forEach((listener) -> listener.onRunFailed(failure));
	}

	@Override
	public void onRunFinished(Run run) {
		forEach((listener) -> listener.onRunFinished(run));
	}

	@Override
	public void onRefreshScheduled(Instant at) {
		forEach((listener) -> listener.onRefreshScheduled(at));
	}

	@Override
	public void onRefreshFailed(CredentialProcessException failure, int consecutiveFailures,
			Optional<Instant> nextAttempt) {
		forEach((listener) -> listener.onRefreshFailed(failure, consecutiveFailures, nextAttempt));
	}

	private void forEach(Consumer<CredentialProcessListener> event) {
		for (CredentialProcessListener listener : this.listeners) {
			try {
				event.accept(listener);
			}
			catch (Throwable ex) {
				logger.warn("Credential process listener {} failed; ignoring it for this event",
						listener.getClass().getName(), ex);
			}
		}
	}

}
