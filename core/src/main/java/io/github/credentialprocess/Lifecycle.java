package io.github.credentialprocess;

import java.util.function.Supplier;

/**
 * Where the provider is in its life, and what it holds there. Every change to either happens under
 * one lock: a stop, a start, a close, the publication of a run's credentials, the spawn of a
 * helper. So a result is published, and a helper spawned, only while the generation it belongs to
 * is current, and never after {@link #stop(Runnable)} has returned.
 * <p>
 * The generation counts stops and closes. A run remembers the generation it started in; when it has
 * changed by the time the run would publish, the run belongs to a past life and its result is
 * thrown away. Reads take no lock: {@link #cached()} is one volatile read.
 */
final class Lifecycle {

	/** Where a provider is in its life. */
	enum State {

		RUNNING, STOPPED, CLOSED

	}

	private final Object lock = new Object();

	private volatile State state = State.RUNNING;

	private volatile int generation;

	/** The credentials held now; written only under the lock. */
	private volatile CachedCredentials cached;

	Lifecycle(CachedCredentials initial) {
		this.cached = initial;
	}

	CachedCredentials cached() {
		return this.cached;
	}

	int generation() {
		return this.generation;
	}

	State state() {
		return this.state;
	}

	boolean isRunning() {
		return this.state == State.RUNNING;
	}

	boolean isCurrent(int generation) {
		return this.state == State.RUNNING && this.generation == generation;
	}

	/**
	 * Does something while the given generation is current, holding off every stop, start and
	 * close until it is done.
	 * @throws CredentialProcessException with {@link ErrorCode#CANCELLED} when the generation is past
	 */
	<T> T whileCurrent(int generation, Supplier<T> action) {
		synchronized (this.lock) {
			if (!isCurrent(generation)) {
				throw cancelled();
			}
			return action.get();
		}
	}

	/** Publishes credentials of the given generation; returns them, or throws when the generation is past. */
	CachedCredentials publish(int generation, CachedCredentials entry) {
		return whileCurrent(generation, () -> {
			this.cached = entry;
			return entry;
		});
	}

	/**
	 * Credentials a flight answers with without a run, if the flight's generation is still current:
	 * an answer from before a stop is never given after it.
	 * @throws CredentialProcessException with {@link ErrorCode#CANCELLED} when the generation is past
	 */
	CachedCredentials answer(int generation, CachedCredentials entry) {
		return whileCurrent(generation, () -> entry);
	}

	/**
	 * Replaces the cached entry with another form of the same credentials (a moved refresh time),
	 * unless it has changed meanwhile or the generation is past.
	 */
	void replace(int generation, CachedCredentials expected, CachedCredentials replacement) {
		synchronized (this.lock) {
			if (isCurrent(generation) && this.cached == expected) {
				this.cached = replacement;
			}
		}
	}

	/**
	 * Stops a running provider: a new generation, no credentials.
	 * @param alsoUnderTheLock what else must change in the same step
	 * @return whether it was running
	 */
	boolean stop(Runnable alsoUnderTheLock) {
		synchronized (this.lock) {
			if (this.state != State.RUNNING) {
				return false;
			}
			this.state = State.STOPPED;
			this.generation++;
			this.cached = null;
			alsoUnderTheLock.run();
			return true;
		}
	}

	/**
	 * Starts a stopped provider in a new generation, holding the given credentials (a profile's
	 * static keys) or none.
	 * @return whether it was stopped
	 * @throws IllegalStateException when it is closed
	 */
	boolean start(CachedCredentials initial) {
		synchronized (this.lock) {
			if (this.state == State.CLOSED) {
				throw new IllegalStateException("The credential process provider is closed; it cannot be started again");
			}
			if (this.state == State.RUNNING) {
				return false;
			}
			this.state = State.RUNNING;
			// The stopped spell was a generation of its own, never current: a flight asked for while
			// stopped can never fly in this one.
			this.generation++;
			this.cached = initial;
			return true;
		}
	}

	/**
	 * Closes the provider for good. The cached credentials stay readable until they expire.
	 * @param alsoUnderTheLock what else must change in the same step
	 * @return whether it was not closed already
	 */
	boolean close(Runnable alsoUnderTheLock) {
		synchronized (this.lock) {
			if (this.state == State.CLOSED) {
				return false;
			}
			this.state = State.CLOSED;
			this.generation++;
			alsoUnderTheLock.run();
			return true;
		}
	}

	/** Does something only while running, holding off every stop and close. */
	void whileRunning(Runnable action) {
		synchronized (this.lock) {
			if (this.state == State.RUNNING) {
				action.run();
			}
		}
	}

	/** What a caller of a stopped or closed provider gets. */
	CredentialProcessException cancelled() {
		if (this.state == State.CLOSED) {
			return new CredentialProcessException(ErrorCode.CANCELLED,
					"The credential process provider was closed; its running process, if any, was killed");
		}
		return new CredentialProcessException(ErrorCode.CANCELLED,
				"The credential process provider is stopped (its application context was stopped, or is being "
						+ "checkpointed); a running process, if any, was killed, and none runs until it is started again");
	}

}
