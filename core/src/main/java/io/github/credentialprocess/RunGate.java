package io.github.credentialprocess;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.credentialprocess.CredentialProcessListener.Run;
import io.github.credentialprocess.CredentialProcessListener.Trigger;

/**
 * Who may start a run, and when: the one place that decides. It weighs the failure back-off, the
 * minimum interval between manual refreshes and the cached credentials when a run is asked for,
 * and admits the spawn of the helper only while the lifecycle generation of the run is current.
 * What it remembers (the last failure, the failures in a row, when the last run ended) survives a
 * stop and a start, so that restarting an application never lets a failing helper run again at
 * once. Written only by the provider's thread; read by anyone.
 */
final class RunGate {

	private final Lifecycle lifecycle;

	private final RefreshPolicy policy;

	private final long minRefreshIntervalNanos;

	private volatile RecentFailure recentFailure;

	private volatile int consecutiveFailures;

	private volatile Run lastRun;

	/** When the last run ended, on the monotonic clock, which a clock step does not move. */
	private volatile long lastRunEndedNanos;

	RunGate(Lifecycle lifecycle, RefreshPolicy policy, long minRefreshIntervalNanos) {
		this.lifecycle = lifecycle;
		this.policy = policy;
		this.minRefreshIntervalNanos = minRefreshIntervalNanos;
	}

	/**
	 * Whether a flight must run the helper, or what it gets without a run.
	 * <ul>
	 * <li>A read or a prefetch takes valid cached credentials, and gets the last failure while its
	 * retry is not yet due.</li>
	 * <li>A manual refresh within the minimum interval of the last run gets that run's outcome, and
	 * the last failure while its retry is not yet due.</li>
	 * <li>A scheduled refresh takes cached credentials whose refresh is not yet due (the timer woke
	 * early by the wall clock, or a run came first); without valid credentials it waits for the
	 * retry.</li>
	 * </ul>
	 * @param nowMillis the wall clock now
	 * @return the credentials to answer with, or {@code null} to run the helper
	 * @throws CredentialProcessException the last failure, when its retry is not yet due
	 */
	CachedCredentials decide(Trigger trigger, CachedCredentials current, long nowMillis) {
		boolean valid = current != null && current.isValidAt(nowMillis);
		RecentFailure failure = this.recentFailure;
		long now = System.nanoTime();
		boolean retryPending = failure != null && failure.retryAtNanos() - now > 0;
		switch (trigger) {
			case SCHEDULED -> {
				// Valid credentials wait for their refresh time, and after a failure for its retry: the
				// wall clock may have jumped past the one, never past the other (the monotonic clock).
				if (valid && (!current.isRefreshDueAt(nowMillis) || retryPending)) {
					return current;
				}
				if (!valid && retryPending) {
					throw failure.exception();
				}
				return null;
			}
			case MANUAL -> {
				boolean ranRecently = this.lastRun != null && now - this.lastRunEndedNanos < this.minRefreshIntervalNanos;
				if (failure != null && (retryPending || ranRecently)) {
					throw failure.exception();
				}
				return (ranRecently && valid) ? current : null;
			}
			default -> {
				if (valid) {
					return current;
				}
				if (retryPending) {
					throw failure.exception();
				}
				return null;
			}
		}
	}

	/**
	 * The failure a caller without valid credentials gets at once, without asking for a flight, or
	 * {@code null}.
	 */
	CredentialProcessException pendingFailure() {
		RecentFailure failure = this.recentFailure;
		return (failure != null && failure.retryAtNanos() - System.nanoTime() > 0) ? failure.exception() : null;
	}

	/**
	 * Spawns the helper if the run's generation is still current, checked under the lifecycle's
	 * lock at the moment of the spawn: a stop either comes first (nothing is spawned) or after (it
	 * kills what was).
	 * @throws CredentialProcessException with {@link ErrorCode#CANCELLED} otherwise
	 */
	<T> T admit(int generation, Supplier<T> spawn) {
		return this.lifecycle.whileCurrent(generation, spawn);
	}

	void succeeded(Run run) {
		this.consecutiveFailures = 0;
		this.recentFailure = null;
		ended(run);
	}

	/**
	 * Records a failed run.
	 * @return the failure, with when it may be retried
	 */
	RecentFailure failed(CredentialProcessException failure, Run run) {
		int failures = this.consecutiveFailures + 1;
		this.consecutiveFailures = failures;
		long delayMillis = this.policy.retryDelayMillis(failures);
		RecentFailure recent = new RecentFailure(failure, failures, delayMillis,
				System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis), run.finishedAt().plusMillis(delayMillis));
		this.recentFailure = recent;
		ended(run);
		return recent;
	}

	/** Records a run that a stop or close cut short: no failure, but it ran. */
	void cancelled(Run run) {
		ended(run);
	}

	private void ended(Run run) {
		this.lastRunEndedNanos = System.nanoTime();
		this.lastRun = run;
	}

	Optional<RecentFailure> recentFailure() {
		return Optional.ofNullable(this.recentFailure);
	}

	int consecutiveFailures() {
		return this.consecutiveFailures;
	}

	Optional<Run> lastRun() {
		return Optional.ofNullable(this.lastRun);
	}

	/**
	 * A failed run and when a new run may be tried.
	 * @param exception what its callers got
	 * @param consecutiveFailures how many runs in a row have failed, this one included
	 * @param retryDelayMillis the back-off after it
	 * @param retryAtNanos when the retry is due, on the monotonic clock
	 * @param retryAt when the retry is due, as the wall clock read at the failure: what the timer
	 * announces, the same at every wake
	 */
	record RecentFailure(CredentialProcessException exception, int consecutiveFailures, long retryDelayMillis,
			long retryAtNanos, Instant retryAt) {

		/** How long until the retry is due, rounded up: a timer armed for it never fires early. */
		long retryInMillis() {
			long nanos = this.retryAtNanos - System.nanoTime();
			return (nanos <= 0) ? 0 : (nanos + 999_999) / 1_000_000;
		}

	}

}
