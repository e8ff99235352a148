package io.github.credentialprocess;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Keeps every event a provider reports, for tests to assert on.
 */
final class RecordingListener implements CredentialProcessListener {

	final List<Trigger> started = new CopyOnWriteArrayList<>();

	final List<Run> finished = new CopyOnWriteArrayList<>();

	final List<CredentialProcessException> failed = new CopyOnWriteArrayList<>();

	final List<Instant> scheduled = new CopyOnWriteArrayList<>();

	final List<RefreshFailure> refreshFailures = new CopyOnWriteArrayList<>();

	record RefreshFailure(ErrorCode code, int consecutiveFailures, Optional<Instant> nextAttempt, Instant reportedAt) {
	}

	@Override
	public void onRunStarted(Trigger trigger) {
		this.started.add(trigger);
	}

	@Override
	public void onRunFailed(CredentialProcessException failure) {
		this.failed.add(failure);
	}

	@Override
	public void onRunFinished(Run run) {
		this.finished.add(run);
	}

	@Override
	public void onRefreshScheduled(Instant at) {
		this.scheduled.add(at);
	}

	@Override
	public void onRefreshFailed(CredentialProcessException failure, int consecutiveFailures,
			Optional<Instant> nextAttempt) {
		this.refreshFailures.add(new RefreshFailure(failure.code(), consecutiveFailures, nextAttempt, Instant.now()));
	}

}
