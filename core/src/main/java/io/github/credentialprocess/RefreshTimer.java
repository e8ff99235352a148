package io.github.credentialprocess;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * When the next refresh happens. After every flight, whatever started it and however it ended, the
 * timer is armed again from what the provider then holds ({@link #rearm()}): valid credentials are
 * refreshed at their refresh time (which a failed refresh moves to its retry); without valid
 * credentials, a failed run is retried in the background when its back-off ends, so a provider
 * heals with no traffic; a stopped or closed provider has no timer. So no flight can leave the
 * provider without one.
 * <p>
 * The timer waits on the monotonic clock, which stands still while a machine sleeps; the wall
 * clock decides whether a refresh is due when it fires ({@link RunGate}), and any read past the
 * refresh time asks for it at once ({@link #requestNow(CachedCredentials)}). So that a provider
 * nobody reads (an instance out of traffic, its readiness waiting on the health check) notices a
 * sleep too, the timer never waits longer than {@link #LONGEST_WAIT} at once: it wakes, the gate
 * finds the refresh not yet due and answers without a run, and the timer is armed again.
 */
final class RefreshTimer {

	/** The longest the timer waits at once: how soon after a machine wakes a due refresh runs. */
	static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

	private final Lifecycle lifecycle;

	private final RunGate gate;

	private final ProviderThread thread;

	private final Clock clock;

	private final CredentialProcessListener listener;

	/** What the timer does when it fires: start (or join) a scheduled flight. */
	private final Runnable refresh;

	/** Guarded by the lifecycle's lock. */
	private ScheduledFuture<?> next;

	private volatile Instant nextAt;

	/** The entry whose overdue refresh a read has already asked for, so that only one read asks. */
	private final AtomicReference<CachedCredentials> requestedFor = new AtomicReference<>();

	RefreshTimer(Lifecycle lifecycle, RunGate gate, ProviderThread thread, Clock clock,
			CredentialProcessListener listener, Runnable refresh) {
		this.lifecycle = lifecycle;
		this.gate = gate;
		this.thread = thread;
		this.clock = clock;
		this.listener = listener;
		this.refresh = refresh;
	}

	/** Arms the timer for what the provider holds now; called after every flight. */
	void rearm() {
		Instant[] announced = new Instant[1];
		this.lifecycle.whileRunning(() -> {
			long now = this.clock.millis();
			CachedCredentials current = this.lifecycle.cached();
			Optional<RunGate.RecentFailure> failure = this.gate.recentFailure();
			Instant when;
			long delay;
			if (current != null && current.isValidAt(now)) {
				when = Instant.ofEpochMilli(current.refreshAtMillis());
				delay = current.refreshAtMillis() - now;
			}
			else if (failure.isPresent()) {
				// The retry waits on the monotonic clock; announced as the wall clock read at the failure,
				// so that every wake announces the same instant.
				when = failure.get().retryAt();
				delay = failure.get().retryInMillis();
			}
			else {
				cancelNext();
				this.nextAt = null;
				return;
			}
			Instant before = this.nextAt;
			cancelNext();
			this.next = this.thread.schedule(this.refresh, Math.min(Math.max(0, delay), LONGEST_WAIT.toMillis()));
			if (!when.equals(before)) {
				announced[0] = when;
			}
			// Never cleared on the way: a status read meanwhile sees the old time or the new one.
			this.nextAt = when;
		});
		if (announced[0] != null) {
			this.listener.onRefreshScheduled(announced[0]);
		}
	}

	/**
	 * Asks for the refresh now, once per cache entry: a read found the credentials past their
	 * refresh time (the timer missed it: a suspended machine, a clock step).
	 */
	void requestNow(CachedCredentials due) {
		CachedCredentials requested = this.requestedFor.get();
		if (requested != due && this.requestedFor.compareAndSet(requested, due)) {
			try {
				this.thread.execute(this.refresh);
			}
			catch (java.util.concurrent.RejectedExecutionException ex) {
				// Closed: no refresh any more; reads go on until the credentials expire.
			}
		}
	}

	/** Cancels the timer; the caller holds the lifecycle's lock (a stop or close). */
	void cancelUnderLock() {
		cancelNext();
		this.nextAt = null;
		this.requestedFor.set(null);
	}

	private void cancelNext() {
		if (this.next != null) {
			this.next.cancel(false);
			this.next = null;
		}
	}

	Optional<Instant> nextAt() {
		return Optional.ofNullable(this.nextAt);
	}

}
