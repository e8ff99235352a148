package io.github.credentialprocess;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.github.credentialprocess.CredentialProcessListener.Run;
import io.github.credentialprocess.CredentialProcessListener.Trigger;
import io.github.credentialprocess.RunGate.RecentFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one flight does, on the provider's thread: asks the {@link RunGate} whether the helper must
 * run; runs it; parses its output; tells the listeners; publishes the credentials only if the
 * flight's lifecycle generation is still current once the listeners are done; records the outcome;
 * and, whatever happened, arms the {@link RefreshTimer} again.
 */
final class CredentialRun implements SingleFlight.Work {

	private static final Logger logger = LoggerFactory.getLogger(CredentialProcessProvider.class);

	private final Lifecycle lifecycle;

	private final RunGate gate;

	private final RefreshTimer timer;

	/** Runs the helper; {@code null} when a profile's static keys are served instead. */
	private final ProcessRunner runner;

	private final CredentialsParser parser;

	private final RefreshPolicy policy;

	private final Clock clock;

	private final CredentialProcessListener listener;

	CredentialRun(Lifecycle lifecycle, RunGate gate, RefreshTimer timer, ProcessRunner runner, RefreshPolicy policy,
			Clock clock, CredentialProcessListener listener) {
		this.lifecycle = lifecycle;
		this.gate = gate;
		this.timer = timer;
		this.runner = runner;
		this.parser = (runner != null) ? new CredentialsParser(runner.command().executableName()) : null;
		this.policy = policy;
		this.clock = clock;
		this.listener = listener;
	}

	@Override
	public CachedCredentials fly(Trigger trigger, int generation, SingleFlight.Boarding boarding) {
		try {
			if (!this.lifecycle.isCurrent(generation)) {
				throw this.lifecycle.cancelled();
			}
			CachedCredentials current = this.lifecycle.cached();
			CachedCredentials answer = this.gate.decide(trigger, current, this.clock.millis());
			if (answer == null && this.runner == null) {
				// A profile's static keys: nothing to run, they are what the provider holds.
				answer = current;
			}
			if (answer != null) {
				// An answer without a run belongs to this generation too: never one from before a stop.
				return this.lifecycle.answer(generation, answer);
			}
			boarding.helperStarting();
			CachedCredentials fresh = run(trigger, generation, current, boarding);
			return this.lifecycle.publish(generation, fresh);
		}
		finally {
			this.timer.rearm();
		}
	}

	/**
	 * Runs the helper once and tells the listeners; the caller publishes what it returns.
	 * @throws CredentialProcessException the run's failure, or {@link ErrorCode#CANCELLED} when a
	 * stop or close cut it short
	 */
	private CachedCredentials run(Trigger trigger, int generation, CachedCredentials current,
			SingleFlight.Boarding boarding) {
		this.listener.onRunStarted(trigger);
		long started = System.nanoTime();
		ProcessCredentials credentials;
		try {
			try {
				byte[] output = this.runner.run((current != null) ? current.credentials() : null,
						(spawn) -> this.gate.admit(generation, spawn));
				credentials = this.parser.parse(output, this.clock.instant());
			}
			finally {
				// The helper has ended: what follows (recording, listeners, publishing) makes its outcome
				// known, and a caller who could know it must not join it as a run still to come.
				boarding.close();
			}
		}
		catch (CredentialProcessException ex) {
			throw failed(trigger, generation, ex, started);
		}
		if (!this.lifecycle.isCurrent(generation)) {
			throw cancelled(trigger, started);
		}
		Run run = new Run(trigger, elapsedSince(started), Optional.empty(), this.clock.instant());
		this.gate.succeeded(run);
		this.listener.onRunFinished(run);
		logger.debug("Credential process '{}' returned {} ({}, {} ms)", this.runner.command().executableName(),
				credentials, trigger.label(), run.duration().toMillis());
		return this.policy.entryFor(credentials);
	}

	private CredentialProcessException failed(Trigger trigger, int generation, CredentialProcessException failure,
			long started) {
		if (!this.lifecycle.isCurrent(generation)) {
			return cancelled(trigger, started);
		}
		Run run = new Run(trigger, elapsedSince(started), Optional.of(failure.code()), this.clock.instant());
		RecentFailure recent = this.gate.failed(failure, run);
		this.listener.onRunFailed(failure);
		this.listener.onRunFinished(run);
		logger.warn("Credential process run failed ({}, failure {} in a row): {}", trigger.label(),
				recent.consecutiveFailures(), failure.logMessage());
		retryBeforeExpiry(trigger, generation, recent);
		return failure;
	}

	private CredentialProcessException cancelled(Trigger trigger, long started) {
		CredentialProcessException cancelled = this.lifecycle.cancelled();
		Run run = new Run(trigger, elapsedSince(started), Optional.of(ErrorCode.CANCELLED), this.clock.instant());
		this.gate.cancelled(run);
		this.listener.onRunFinished(run);
		logger.debug("Credential process run cancelled ({}): {}", trigger.label(), cancelled.getMessage());
		return cancelled;
	}

	/**
	 * While the cached credentials are valid, a failed run moves a refresh that is due to its retry
	 * (or to their expiration, when the retry would come later): reads go on getting them, and the
	 * timer follows the back-off. A refresh not yet due (a manual refresh failed) is not brought
	 * forward.
	 */
	private void retryBeforeExpiry(Trigger trigger, int generation, RecentFailure failure) {
		CachedCredentials current = this.lifecycle.cached();
		long now = this.clock.millis();
		if (current == null || !current.isValidAt(now)) {
			return;
		}
		long retryAt = Math.max(current.refreshAtMillis(), now + failure.retryDelayMillis());
		boolean beforeExpiry = retryAt < current.expiresAtMillis();
		this.lifecycle.replace(generation, current,
				current.withRefreshAt(beforeExpiry ? retryAt : current.expiresAtMillis()));
		if (trigger == Trigger.SCHEDULED) {
			this.listener.onRefreshFailed(failure.exception(), failure.consecutiveFailures(),
					beforeExpiry ? Optional.of(Instant.ofEpochMilli(retryAt)) : Optional.empty());
		}
	}

	private static Duration elapsedSince(long startNanos) {
		return Duration.ofNanos(System.nanoTime() - startNanos);
	}

}
