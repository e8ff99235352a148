package io.github.credentialprocess;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Receives the events of a {@link CredentialProcessProvider}: every process run, every refresh
 * that was scheduled and every refresh that failed. Metrics and health are built on it, so the
 * engine does not need to know them.
 * <p>
 * Methods are called on the provider's own thread ({@code credential-process-refresh}), inside the
 * run: they should return quickly, since the run and every caller waiting for it wait for them. A
 * listener may read {@link CredentialProcessProvider#status()}, read valid cached credentials and
 * stop, start or close the provider; it must not wait for a run: a
 * {@link CredentialProcessProvider#refresh()}, or a
 * {@link CredentialProcessProvider#resolveCredentials()} that finds no valid credentials, throws
 * {@link IllegalStateException} at once when called from here, since that run could never end. An
 * exception thrown by a listener is logged and otherwise ignored.
 */
public interface CredentialProcessListener {

	/** A listener that ignores every event. */
	CredentialProcessListener NONE = new CredentialProcessListener() {
	};

	/**
	 * A process run is about to start.
	 * @param trigger why it runs
	 */
	default void onRunStarted(Trigger trigger) {
	}

	/**
	 * A process run failed: the exception its callers get. Called just before
	 * {@link #onRunFinished(Run)}, on the same thread; not called for a run that was cancelled (the
	 * provider stopped or closed). Its message holds no secret.
	 * @param failure why the run failed
	 */
	default void onRunFailed(CredentialProcessException failure) {
	}

	/**
	 * A process run finished, successfully or not.
	 * @param run what happened
	 */
	default void onRunFinished(Run run) {
	}

	/**
	 * The next proactive refresh was scheduled.
	 * @param at when it will run
	 */
	default void onRefreshScheduled(Instant at) {
	}

	/**
	 * A scheduled or background refresh failed while cached credentials were still valid; callers
	 * keep receiving the cached credentials.
	 * @param failure why it failed
	 * @param consecutiveFailures how many runs in a row have failed, this one included
	 * @param nextAttempt when it will be retried, or empty when the cached credentials expire
	 * before a retry is due
	 */
	default void onRefreshFailed(CredentialProcessException failure, int consecutiveFailures,
			Optional<Instant> nextAttempt) {
	}

	/**
	 * Why a process run started.
	 */
	enum Trigger {

		/** The first run, started when the application starts. */
		STARTUP,

		/** A proactive refresh before the cached credentials expire, or a retry of one. */
		SCHEDULED,

		/** A caller asked for credentials and none valid were cached. */
		ON_DEMAND,

		/** {@link CredentialProcessProvider#refresh()} was called. */
		MANUAL;

		/**
		 * The trigger as shown in metric tags and health details.
		 * @return {@code startup}, {@code scheduled}, {@code on-demand} or {@code manual}
		 */
		public String label() {
			return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
		}

	}

	/**
	 * One finished process run.
	 *
	 * @param trigger why it ran
	 * @param duration how long it took, from start to exit or kill
	 * @param error why it failed, empty when it succeeded
	 * @param finishedAt when it finished
	 */
	record Run(Trigger trigger, Duration duration, Optional<ErrorCode> error, Instant finishedAt) {

		/**
		 * Whether the run produced credentials.
		 * @return {@code true} when there is no error
		 */
		public boolean succeeded() {
			return this.error.isEmpty();
		}

		/**
		 * Whether the run was cut short because the provider was stopped or closed; such a run is
		 * not a failure.
		 * @return {@code true} when the error is {@link ErrorCode#CANCELLED}
		 */
		public boolean cancelled() {
			return this.error.filter(ErrorCode.CANCELLED::equals).isPresent();
		}

		/**
		 * The run's outcome as shown in metric tags and health details.
		 * @return {@code success}, {@code failure} or {@code cancelled}
		 */
		public String outcome() {
			return succeeded() ? "success" : cancelled() ? "cancelled" : "failure";
		}

	}

}
